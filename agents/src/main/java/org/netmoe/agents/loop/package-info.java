/** Training loops that drive an algorithm against vectorized envs, reporting through a {@link org.netmoe.agents.loop.TrainingListener}. */
package org.netmoe.agents.loop;
