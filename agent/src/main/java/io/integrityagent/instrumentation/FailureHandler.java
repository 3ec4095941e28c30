package io.integrityagent.instrumentation;

import io.integrityagent.capture.FailedExecution;

/** Receives every statement execution that threw, once per failure, on the application's thread. */
public interface FailureHandler {

    FailureHandler NONE = failure -> {
    };

    void onFailure(FailedExecution failure);
}
