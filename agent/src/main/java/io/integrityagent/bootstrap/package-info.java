/**
 * The few classes that advice inlined into JDBC drivers refers to. At start-up they are put on the bootstrap
 * class path, where every class loader finds them (class loaders that do not delegate there, such as OSGi
 * bundles', are made to for this package); everything else of the agent stays in its own jar. Only
 * {@code java.base} types may appear here.
 */
package io.integrityagent.bootstrap;
