/**
 * Experiment configs: YAML files bound to validating records, {@code --set} overrides, and
 * one-line errors naming the field's path and what is allowed.
 */
package org.netmoe.training.config;
