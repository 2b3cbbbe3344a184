package io.tradeloop.rl.env;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An environment whose whole state (the episode in progress and its random generator) can be written
 * out and read back, so a training run resumed from a checkpoint continues bit for bit.
 */
public interface ResumableEnv extends Env {
    /** Writes everything {@link #restoreState} needs. */
    void saveState(DataOutput out) throws IOException;

    /** Restores what {@link #saveState} wrote; the environment then continues exactly as the saved one would. */
    void restoreState(DataInput in) throws IOException;
}
