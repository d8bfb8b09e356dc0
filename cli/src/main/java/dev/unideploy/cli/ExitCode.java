package dev.unideploy.cli;

import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.DeploymentStatus;

/** The CLI's exit codes, and the one a followed deployment ends with. */
final class ExitCode {

    static final int SUCCEEDED = 0;
    static final int FAILED = 1;
    static final int CANCELLED = 2;
    static final int UNFINISHED = 3;
    static final int API_ERROR = 4;
    /** As sysexits.h's EX_USAGE. */
    static final int USAGE = 64;

    private ExitCode() {}

    /** The exit code of a followed deployment: its outcome, or {@link #UNFINISHED} while it is not terminal. */
    static int of(Deployment deployment) {
        return of(deployment.getStatus());
    }

    static int of(DeploymentStatus status) {
        return switch (status) {
            case SUCCEEDED -> SUCCEEDED;
            case FAILED -> FAILED;
            case CANCELLED -> CANCELLED;
            case QUEUED, IN_PROGRESS, UNKNOWN -> UNFINISHED;
        };
    }
}
