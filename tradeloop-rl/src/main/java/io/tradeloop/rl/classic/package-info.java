/** Reference tasks for checking the learning algorithms: CartPole-v1 and a synthetic environment with the funding contract's shapes. */
package io.tradeloop.rl.classic;
