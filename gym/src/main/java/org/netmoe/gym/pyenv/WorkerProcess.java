package org.netmoe.gym.pyenv;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code python -m netmoe_gym.worker} process and its framed pipes (the protocol of
 * {@code netmoe_gym/worker.py}). A request is written by the caller to {@link #out()}, then
 * {@link #reply(String)} flushes it and returns the reply stream positioned after a success status.
 */
final class WorkerProcess implements AutoCloseable {
    private static final int CLOSE_WAIT_MILLIS = 2_000;
    private final String envId;
    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;
    private boolean closed;

    private WorkerProcess(String envId, Process process) {
        this.envId = envId;
        this.process = process;
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    }

    /**
     * Starts a worker with interpreter {@code python}.
     *
     * @throws IllegalArgumentException if the interpreter cannot be started
     */
    static WorkerProcess start(String envId, String python, List<String> pythonPath) {
        ProcessBuilder pb = new ProcessBuilder(python, "-m", "netmoe_gym.worker")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (!pythonPath.isEmpty()) {
            List<String> path = new ArrayList<>(pythonPath);
            String inherited = pb.environment().get("PYTHONPATH");
            if (inherited != null && !inherited.isEmpty()) {
                path.add(inherited);
            }
            pb.environment().put("PYTHONPATH", String.join(File.pathSeparator, path));
        }
        try {
            return new WorkerProcess(envId, pb.start());
        } catch (IOException e) {
            throw new IllegalArgumentException(envId + ": cannot start the Python interpreter '" + python
                    + "' (env.params.python or NETMOE_PYTHON): " + e.getMessage(), e);
        }
    }

    DataOutputStream out() {
        return out;
    }

    /**
     * Sends the request written so far without waiting for its reply ({@link #reply(String)} reads it).
     *
     * @throws PythonEnvException saying how the worker ended, if it cannot take the request
     */
    void send(String what) {
        requireOpen(what);
        try {
            out.flush();
        } catch (IOException e) {
            throw died(what);
        }
    }

    /**
     * Sends the request written so far and reads the reply's status.
     *
     * @throws PythonEnvException with the Python error's line, or saying how the worker ended
     */
    DataInputStream reply(String what) {
        requireOpen(what);
        try {
            out.flush();
            int status = in.read();
            if (status == 0) {
                return in;
            }
            if (status == 1) {
                throw new PythonEnvException(envId + ": Python raised in " + what + ": " + readString(in));
            }
        } catch (IOException e) {
            // The worker died: the pipe broke or closed. Fall through to say how it ended.
        }
        throw died(what);
    }

    private void requireOpen(String what) {
        if (closed) {
            throw new IllegalStateException(envId + ": " + what + " on a closed env");
        }
    }

    private PythonEnvException died(String what) {
        return new PythonEnvException(envId + ": the Python worker (pid " + process.pid() + ") " + ended() + " during "
                + what);
    }

    private String ended() {
        try {
            if (process.waitFor(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                int code = process.exitValue();
                return code > 128 ? "was killed by signal " + (code - 128) : "exited with code " + code
                        + (code == 1 ? " (is netmoe-gym installed for this interpreter? pip install ./python)" : "");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return "stopped answering";
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }

    /** Asks the worker to close its env and exit; ends it forcibly if it does not within 2 s. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.write('C');
            out.flush();
            in.read();
            if (!process.waitFor(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The worker's process id. */
    long pid() {
        return process.pid();
    }
}
