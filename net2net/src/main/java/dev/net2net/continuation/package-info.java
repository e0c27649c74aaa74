/**
 * How a student keeps training after a transform: {@link dev.net2net.continuation.Continuation}
 * holds the factor on the teacher's current learning rate and the choice, as an {@link
 * dev.net2net.continuation.OptimizerState}, of carrying the teacher's optimizer state or resetting
 * it, and {@link dev.net2net.continuation.LearningRates} fixes that scaled rate on configurations
 * and on live networks. The rate is read from the teacher's schedule at its current iteration and
 * epoch and frozen there, because restarting a schedule would jump back to its large initial rate.
 * Every transform request ({@code widen}, {@code deepen}, {@code towers}) carries a {@code
 * Continuation}, which {@code surgery}'s {@code Surgeon} applies when it builds the student; the
 * daemon's growth worker, the command line and the benchmarks build these values from their own
 * settings.
 */
package dev.net2net.continuation;
