package io.tradeloop.rl.checkpoint;

import java.nio.file.Path;

/** A checkpoint file that cannot be trusted (bad magic, wrong version, truncated, checksum mismatch); names the file. */
public final class CorruptCheckpointException extends RuntimeException {
    private final Path file;

    public CorruptCheckpointException(Path file, String reason, Throwable cause) {
        super("checkpoint " + file + " is refused: " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
