/**
 * The one place where a transform mutates anything: a {@link dev.net2net.surgery.SurgeryPlan}
 * (layer sizes, preprocessors, inserted layers and residual blocks, and a {@link
 * dev.net2net.surgery.ParamEdit} per parameter array, keyed by {@link
 * dev.net2net.surgery.ParamRef}) is planned on the teacher's topology before anything is built, and
 * {@link dev.net2net.surgery.Surgeon} carries it out on a new configuration and network, leaving
 * the teacher untouched. The student's parameter and optimizer-state arrays are written once,
 * straight from the teacher through the edits ({@link dev.net2net.surgery.ParamEdit#applyInto}) and
 * from the inserted layers' {@link dev.net2net.surgery.Initial} values: no random weights are drawn
 * to be overwritten, only those meant to stay random ({@link dev.net2net.surgery.FreshValues}).
 * Every parameter edit has a matching edit of the optimizer state, which {@link
 * dev.net2net.surgery.UpdaterStates} reads and writes per parameter out of DL4J's shared updater
 * blocks, so a student can keep the teacher's Adam moments or momentum. It builds on {@code
 * model}'s configuration editors and applies {@code continuation}'s settings; {@code widen}, {@code
 * deepen} and {@code baseline} write the plans.
 */
package dev.net2net.surgery;
