package io.integrityagent.capture;

/**
 * Implemented by driver statement classes that the agent gives a field of their own when they are loaded, so
 * that a statement's capture lives and dies with the statement and is found without a map look-up.
 */
public interface CaptureHolder {

    String FIELD_NAME = "integrity$capture";

    StatementCapture integrity$capture();

    void integrity$capture(StatementCapture capture);
}
