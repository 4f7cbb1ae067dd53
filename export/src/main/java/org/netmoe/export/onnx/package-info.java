/**
 * Trained policies as ONNX models: {@link org.netmoe.export.onnx.OnnxPolicy} turns a
 * {@link org.netmoe.export.onnx.PolicyNetwork} (an MLP or an MoE layer with its parameters) and a
 * {@link org.netmoe.export.onnx.PolicyHead} (argmax, PPO's Gaussian mean, SAC's tanh-Gaussian) into a
 * graph of standard opset-17 operators that reproduces NetMoE's greedy forward, written with protobuf-java
 * classes generated from ONNX v1.17.0's own {@code onnx.proto} (package
 * {@code org.netmoe.export.onnx.proto}).
 */
package org.netmoe.export.onnx;
