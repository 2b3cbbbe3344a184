package io.tradeloop.rl.checkpoint;

import io.tradeloop.rl.nn.NamedTensor;
import io.tradeloop.rl.nn.NetworkState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Training checkpoints in a folder, one file per save ({@code ckpt-00000042.tlck}, by update number).
 * A save writes a temporary file, forces it to disk and renames it into place, so a crash leaves either
 * the old set or the new file, never half a file. Each file is {@code "TLCK", format version, payload
 * length, payload, SHA-256 of the payload}; {@link #load} refuses anything that does not check out with
 * a {@link CorruptCheckpointException} naming the file, and {@link #latestGood()} falls back to the
 * newest file that does, logging each refusal. The newest {@code keep} files are kept.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final int MAGIC = 0x544C434B; // "TLCK"
    private static final int VERSION = 1;
    private static final String PREFIX = "ckpt-";
    private static final String SUFFIX = ".tlck";

    private final Path dir;
    private final int keep;

    /** @param keep how many of the newest checkpoints to keep, at least 2 so one good file survives a bad write */
    public CheckpointStore(Path dir, int keep) {
        if (keep < 2) {
            throw new IllegalArgumentException("checkpoint keep must be >= 2 so a fallback exists, got " + keep);
        }
        this.dir = dir;
        this.keep = keep;
    }

    public Path directory() {
        return dir;
    }

    /** Writes {@code ck} atomically and prunes old files; returns the file written. */
    public Path save(TrainingCheckpoint ck) {
        try {
            Files.createDirectories(dir);
            byte[] payload = encode(ck);
            Path file = dir.resolve(String.format("%s%08d%s", PREFIX, ck.updates(), SUFFIX));
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer header = ByteBuffer.allocate(16).putInt(MAGIC).putInt(VERSION).putLong(payload.length).flip();
                writeFully(ch, header);
                writeFully(ch, ByteBuffer.wrap(payload));
                writeFully(ch, ByteBuffer.wrap(sha256(payload)));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.warn("checkpoint dir={} reason=\"atomic rename unsupported\" effect=\"plain replace\"", dir);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            prune();
            LOG.info("checkpoint saved file={} update={} step={} bytes={}", file, ck.updates(), ck.globalStep(),
                    payload.length + 48);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Checkpoint files, newest (highest update) first. */
    public List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
            }).sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void prune() throws IOException {
        List<Path> all = files();
        for (int i = keep; i < all.size(); i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    /**
     * The newest checkpoint that loads and checks out; each refused newer file is logged with its reason
     * and the file used instead. Empty when the folder holds none that is good.
     */
    public Optional<Loaded> latestGood() {
        List<Path> all = files();
        for (int i = 0; i < all.size(); i++) {
            Path p = all.get(i);
            try {
                return Optional.of(new Loaded(p, load(p)));
            } catch (CorruptCheckpointException e) {
                String fallback = i + 1 < all.size() ? all.get(i + 1).toString() : "none";
                LOG.error("checkpoint refused file={} reason=\"{}\" fallback={}", p, e.getMessage(), fallback);
            }
        }
        return Optional.empty();
    }

    /** A checkpoint and the file it came from. */
    public record Loaded(Path file, TrainingCheckpoint checkpoint) {
    }

    /** Reads and verifies one file. */
    public static TrainingCheckpoint load(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CorruptCheckpointException(file, "unreadable: " + e.getMessage(), e);
        }
        if (all.length < 16 + 32) {
            throw new CorruptCheckpointException(file, "only " + all.length + " bytes, shorter than header and checksum", null);
        }
        ByteBuffer head = ByteBuffer.wrap(all, 0, 16);
        int magic = head.getInt();
        int version = head.getInt();
        long length = head.getLong();
        if (magic != MAGIC) {
            throw new CorruptCheckpointException(file, String.format("not a tradeloop checkpoint (magic 0x%08X)", magic), null);
        }
        if (version != VERSION) {
            throw new CorruptCheckpointException(file, "format version " + version + ", this build reads " + VERSION, null);
        }
        if (length != all.length - 16 - 32) {
            throw new CorruptCheckpointException(file, "payload length " + length + " but the file holds "
                    + (all.length - 48) + " bytes (truncated or appended)", null);
        }
        byte[] payload = java.util.Arrays.copyOfRange(all, 16, 16 + (int) length);
        byte[] sum = java.util.Arrays.copyOfRange(all, 16 + (int) length, all.length);
        if (!MessageDigest.isEqual(sum, sha256(payload))) {
            throw new CorruptCheckpointException(file, "SHA-256 checksum mismatch", null);
        }
        try {
            return decode(payload);
        } catch (IOException | RuntimeException e) {
            throw new CorruptCheckpointException(file, "payload does not decode: " + e, e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    static byte[] encode(TrainingCheckpoint ck) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(ck.algorithm());
        writeString(out, ck.configJson());
        out.writeLong(ck.globalStep());
        out.writeInt(ck.updates());
        NetworkState n = ck.network();
        out.writeInt(n.weights().size());
        for (int i = 0; i < n.weights().size(); i++) {
            writeTensor(out, n.weights().get(i));
            writeTensor(out, n.adamFirstMoment().get(i));
            writeTensor(out, n.adamSecondMoment().get(i));
        }
        out.writeLong(n.adamSteps());
        writeLongs(out, n.dropoutRng());
        writeLongs(out, ck.trainerRng());
        writeDoubles(out, ck.normalizerMean());
        writeDoubles(out, ck.normalizerVar());
        out.writeDouble(ck.normalizerCount());
        out.writeInt(ck.envState().length);
        out.write(ck.envState());
        writeString(out, ck.curriculumStage());
        out.writeInt(ck.metadata().size());
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(ck.metadata()).entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        out.flush();
        return bytes.toByteArray();
    }

    static TrainingCheckpoint decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        String algorithm = in.readUTF();
        String config = readString(in);
        long step = in.readLong();
        int updates = in.readInt();
        int tensors = count(in, "tensor count");
        List<NamedTensor> w = new ArrayList<>();
        List<NamedTensor> m = new ArrayList<>();
        List<NamedTensor> v = new ArrayList<>();
        for (int i = 0; i < tensors; i++) {
            w.add(readTensor(in));
            m.add(readTensor(in));
            v.add(readTensor(in));
        }
        long adamSteps = in.readLong();
        long[] dropout = readLongs(in);
        NetworkState net = new NetworkState(w, m, v, adamSteps, dropout);
        long[] rng = readLongs(in);
        double[] mean = readDoubles(in);
        double[] var = readDoubles(in);
        double nCount = in.readDouble();
        byte[] env = new byte[count(in, "env state length")];
        in.readFully(env);
        String stage = readString(in);
        int meta = count(in, "metadata size");
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < meta; i++) {
            metadata.put(readString(in), readString(in));
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " unexpected trailing bytes");
        }
        return new TrainingCheckpoint(algorithm, config, step, updates, net, rng, mean, var, nCount, env, stage, metadata);
    }

    private static int count(DataInputStream in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException(what + " " + n + " is impossible with " + in.available() + " bytes left");
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[count(in, "string length")];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeTensor(DataOutputStream out, NamedTensor t) throws IOException {
        out.writeUTF(t.name());
        out.writeInt(t.rows());
        out.writeInt(t.cols());
        for (float f : t.data()) {
            out.writeFloat(f);
        }
    }

    private static NamedTensor readTensor(DataInputStream in) throws IOException {
        String name = in.readUTF();
        int rows = in.readInt();
        int cols = in.readInt();
        if (rows <= 0 || cols <= 0 || (long) rows * cols * 4 > in.available()) {
            throw new EOFException("tensor " + name + " of " + rows + "x" + cols + " does not fit in the file");
        }
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = in.readFloat();
        }
        return new NamedTensor(name, rows, cols, d);
    }

    private static void writeLongs(DataOutputStream out, long[] v) throws IOException {
        out.writeInt(v.length);
        for (long x : v) {
            out.writeLong(x);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        long[] v = new long[count(in, "long array length")];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readLong();
        }
        return v;
    }

    private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double x : v) {
            out.writeDouble(x);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        double[] v = new double[count(in, "double array length")];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }
}
