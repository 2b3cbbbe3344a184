package io.tradeloop.rl.checkpoint;

import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.classic.CartPoleTraining;
import io.tradeloop.rl.classic.SyntheticMaskedEnv;
import io.tradeloop.rl.env.VecEnv;
import io.tradeloop.rl.nn.ModularNetworkSpec;
import io.tradeloop.rl.nn.ModularPPONetwork;
import io.tradeloop.rl.ppo.MaskedPpo;
import io.tradeloop.rl.ppo.PpoConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void cartPoleResumedFromDiskIsBitIdenticalToAStraightRun() {
        PpoConfig c = PpoConfig.builder().numEnvs(4).nSteps(64).batchSize(64).epochs(2).totalSteps(100_000).build();
        assertResumeIdentical(() -> CartPoleTraining.trainer(c, 21), () -> CartPoleTraining.trainer(c, 999));
    }

    @Test
    void modularNetworkWithDropoutAndNormaliserResumesBitIdentically() {
        PpoConfig c = PpoConfig.builder().numEnvs(2).nSteps(32).batchSize(16).epochs(2).totalSteps(100_000)
                .normalizeObservations(true).build();
        assertResumeIdentical(() -> synthetic(c, 5), () -> synthetic(c, 77));
    }

    private static MaskedPpo synthetic(PpoConfig c, long seed) {
        Rng rng = new Rng(seed);
        ModularNetworkSpec spec = ModularNetworkSpec.FUNDING;   // dropout 0.1 as in the plan
        List<SyntheticMaskedEnv> envs = new ArrayList<>();
        for (int i = 0; i < c.numEnvs(); i++) {
            envs.add(new SyntheticMaskedEnv(spec, rng.split()));
        }
        return new MaskedPpo(c, new VecEnv(envs), new ModularPPONetwork(spec, rng.split()), rng.split());
    }

    /** N updates straight vs N/2, save to disk, load into a trainer built from another seed, N/2 more. */
    private void assertResumeIdentical(Supplier<MaskedPpo> original, Supplier<MaskedPpo> other) {
        MaskedPpo straight = original.get();
        for (int i = 0; i < 4; i++) {
            straight.iterate();
        }
        MaskedPpo first = original.get();
        first.iterate();
        first.iterate();
        CheckpointStore store = new CheckpointStore(dir, 3);
        store.save(first.checkpoint("stage-2", Map.of("seed", "21")));
        CheckpointStore.Loaded loaded = store.latestGood().orElseThrow();
        assertThat(loaded.checkpoint().curriculumStage()).isEqualTo("stage-2");
        assertThat(loaded.checkpoint().metadata()).containsEntry("seed", "21");
        MaskedPpo resumed = other.get();
        assertThat(resumed.network().state()).isNotEqualTo(first.network().state());
        resumed.restore(loaded.checkpoint());
        resumed.iterate();
        resumed.iterate();
        assertThat(resumed.globalStep()).isEqualTo(straight.globalStep());
        assertThat(resumed.updates()).isEqualTo(4);
        assertThat(resumed.network().state()).isEqualTo(straight.network().state());
        assertThat(resumed.checkpoint("", Map.of())).isEqualTo(straight.checkpoint("", Map.of()));
    }

    @Test
    void aCorruptCheckpointIsRefusedNamingTheFileAndThePreviousOneIsUsed() throws IOException {
        PpoConfig c = PpoConfig.builder().numEnvs(2).nSteps(32).batchSize(32).epochs(1).totalSteps(100_000).build();
        MaskedPpo ppo = CartPoleTraining.trainer(c, 1);
        CheckpointStore store = new CheckpointStore(dir, 3);
        ppo.iterate();
        Path good = store.save(ppo.checkpoint("", Map.of()));
        ppo.iterate();
        Path newest = store.save(ppo.checkpoint("", Map.of()));
        assertThat(store.files()).containsExactly(newest, good);
        Files.writeString(dir.resolve("ckpt-00000009.tlck.tmp"), "half-written");   // a crashed save leaves only a .tmp

        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(newest, bytes);
        assertThatThrownBy(() -> CheckpointStore.load(newest)).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(newest.toString()).hasMessageContaining("SHA-256 checksum mismatch");
        CheckpointStore.Loaded loaded = store.latestGood().orElseThrow();
        assertThat(loaded.file()).isEqualTo(good);
        assertThat(loaded.checkpoint().updates()).isEqualTo(1);

        Files.write(newest, java.util.Arrays.copyOf(bytes, 100));
        assertThatThrownBy(() -> CheckpointStore.load(newest)).hasMessageContaining("truncated");
        Files.writeString(newest, "not a checkpoint at all, just some text that is long enough to have a header");
        assertThatThrownBy(() -> CheckpointStore.load(newest)).hasMessageContaining("not a tradeloop checkpoint");
        Files.write(good, new byte[3]);
        assertThat(store.latestGood()).isEmpty();
    }

    @Test
    void onlyTheNewestFilesAreKept() {
        PpoConfig c = PpoConfig.builder().numEnvs(2).nSteps(32).batchSize(32).epochs(1).totalSteps(100_000).build();
        MaskedPpo ppo = CartPoleTraining.trainer(c, 1);
        CheckpointStore store = new CheckpointStore(dir, 2);
        for (int i = 0; i < 4; i++) {
            ppo.iterate();
            store.save(ppo.checkpoint("", Map.of()));
        }
        assertThat(store.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("ckpt-00000004.tlck", "ckpt-00000003.tlck");
    }
}
