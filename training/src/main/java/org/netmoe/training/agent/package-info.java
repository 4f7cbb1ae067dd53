/** Each agent wired into {@code netmoe train}: its registry entry, trainer glue, metrics and saved policy. */
package org.netmoe.training.agent;
