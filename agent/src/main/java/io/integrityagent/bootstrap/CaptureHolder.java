package io.integrityagent.bootstrap;

/**
 * Implemented by driver statement classes that the agent gives a field of their own when they are loaded, so
 * that a statement's capture lives and dies with the statement and is found without a map look-up. The field
 * is typed {@code Object}: the driver's class loader may see nothing of the agent but this package.
 */
public interface CaptureHolder {

    String FIELD_NAME = "integrity$capture";

    Object integrity$capture();

    void integrity$capture(Object capture);
}
