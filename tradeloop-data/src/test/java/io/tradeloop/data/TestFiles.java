package io.tradeloop.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Test inputs: the real files ta4j-examples 0.18 ships (copied out of the jar) and the Binance-layout fixtures. */
public final class TestFiles {
    public static final String BITSTAMP = "bitstamp_trades_from_20131125_usd.csv";
    public static final String ETH_JSON = "ETH-USD-PT5M-2023-3-13_2023-3-15.json";

    private TestFiles() {
    }

    /** Copies a resource of ta4j-examples into {@code dir} (once) and returns the copy. */
    public static Path ta4j(Path dir, String name) {
        Path f = dir.resolve(name);
        if (!Files.exists(f)) {
            try (InputStream in = TestFiles.class.getResourceAsStream("/" + name)) {
                assertThat(in).as("%s from ta4j-examples 0.18 on the class path", name).isNotNull();
                Files.copy(in, f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return f;
    }

    public static Path bitstamp(Path dir) {
        return ta4j(dir, BITSTAMP);
    }

    public static Path ethJson(Path dir) {
        return ta4j(dir, ETH_JSON);
    }

    /** A fixture of src/test/resources/binance. */
    public static Path binance(String name) {
        try {
            return Path.of(TestFiles.class.getResource("/binance/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
