package io.tradeloop.server.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tradeloop.server.http.HttpApi;
import io.tradeloop.server.http.TestServer;
import io.tradeloop.server.json.Json;
import io.tradeloop.server.store.UserStore;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsAndSecretsTest {
    static final byte[] KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(KEY);
    }

    @Test
    void aesGcmRoundTripsAndRefusesTamperingAndOtherRows() {
        var c = new CredentialCipher(KEY, 1, new SecureRandom());
        String ct = c.encrypt("{\"api_secret\":\"s3cret\"}", "row-a");
        assertThat(c.decrypt(ct, "row-a")).isEqualTo("{\"api_secret\":\"s3cret\"}");
        assertThat(c.encrypt("same", "row-a")).as("a fresh nonce each time").isNotEqualTo(c.encrypt("same", "row-a"));
        assertThatThrownBy(() -> c.decrypt(ct, "row-b")).hasMessageContaining("fails authentication");
        byte[] raw = Base64.getDecoder().decode(ct);
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> c.decrypt(Base64.getEncoder().encodeToString(raw), "row-a")).hasMessageContaining("fails authentication");
        var other = new CredentialCipher(new byte[32], 1, new SecureRandom());
        assertThatThrownBy(() -> other.decrypt(ct, "row-a")).hasMessageContaining("fails authentication");
        assertThatThrownBy(() -> CredentialCipher.fromEnvironment(Map.of(CredentialCipher.ENV, "not base64!")))
                .hasMessageContaining(CredentialCipher.ENV).hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> CredentialCipher.fromEnvironment(Map.of(CredentialCipher.ENV, Base64.getEncoder().encodeToString(new byte[16]))))
                .hasMessageContaining("32 bytes");
        assertThat(CredentialCipher.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void apiKeysAreStoredAsHashesOnly() {
        var k = ApiKeys.generate(new SecureRandom());
        assertThat(k.key()).matches("tl_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}");
        assertThat(ApiKeys.prefixOf(k.key())).contains(k.prefix());
        assertThat(ApiKeys.prefixOf(k.key() + "x")).isEmpty();
        assertThat(ApiKeys.matches(k.key(), k.hash())).isTrue();
        assertThat(ApiKeys.matches(k.key().replace('_', '-'), k.hash())).isFalse();
        assertThat(k.toString()).doesNotContain(k.key().substring(12));
        // SHA-256("abc") from FIPS 180-2, appendix B.1
        assertThat(ApiKeys.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void rateLimiterRefillsAtItsRate() {
        var r = new RateLimiter(2.0); // burst = rate × 2 s
        long t = 0;
        for (int i = 0; i < 10; i++) {
            assertThat(r.acquire("k", 5, t)).as("burst of 10 at 5/s").isZero();
        }
        // the 11th waits 1 / 5 s = 0.2 s
        assertThat(r.acquire("k", 5, t)).isEqualTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.acquire("k", 5, t + 200_000_000L)).isZero(); // 0.2 s later one token has refilled
        assertThat(r.acquire("other", 5, t)).isZero();
    }

    @Test
    void credentialsAreEncryptedAtRestAndNoSecretReachesTheLogs() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        root.setLevel(Level.DEBUG); // even debug logs must not carry secrets
        root.addAppender(logs);
        String apiKey = "EXCHANGEKEY-" + "A".repeat(20) + "1234";
        String apiSecret = "EXCHANGESECRET-" + "B".repeat(30);
        String userKey;
        try (var ts = new TestServer(Map.of(CredentialCipher.ENV, Base64.getEncoder().encodeToString(KEY)))) {
            var user = ts.server.createUser("erin");
            userKey = user.apiKey();
            var put = ts.send("PUT", "/me/credentials/binance", userKey,
                    "{\"api_key\":\"" + apiKey + "\",\"api_secret\":\"" + apiSecret + "\"}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
            var list = ts.get("/me/credentials", userKey);
            assertThat(list.body()).contains("binance").contains("...1234").doesNotContain(apiSecret).doesNotContain(apiKey);
            var stored = new UserStore(ts.server.database()).findCredential(user.userId(), "binance").orElseThrow();
            assertThat(stored.ciphertext()).doesNotContain(apiSecret).doesNotContain("EXCHANGE");
            var cipher = new CredentialCipher(KEY, 1, new SecureRandom());
            var plain = Json.mapper().readTree(cipher.decrypt(stored.ciphertext(), HttpApi.credentialAad(user.userId(), "binance")));
            assertThat(plain.get("api_secret").asText()).isEqualTo(apiSecret);
            // a short secret is refused without echoing it
            var bad = ts.send("PUT", "/me/credentials/binance", userKey, "{\"api_key\":\"" + apiKey + "\",\"api_secret\":\"tiny\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).doesNotContain("tiny");
            // nothing of the user's key is stored but its prefix and hash
            String prefix = userKey.substring(0, 11);
            var keyRow = new UserStore(ts.server.database()).findKeyByPrefix(prefix).orElseThrow();
            assertThat(keyRow.keyHash()).isEqualTo(ApiKeys.hash(userKey)).doesNotContain(userKey.substring(12));
            ts.get("/me", userKey);
            ts.get("/me", userKey.substring(0, 20) + "x".repeat(24)); // a failed attempt is logged without the key
        } finally {
            root.detachAppender(logs);
            root.setLevel(before);
        }
        String secretPart = userKey.substring(12);
        for (ILoggingEvent e : logs.list) {
            String line = e.getFormattedMessage() + " " + e.getKeyValuePairs();
            assertThat(line).doesNotContain(apiSecret).doesNotContain(apiKey).doesNotContain(secretPart);
        }
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("exchange credentials stored"));
    }

    @Test
    void withoutTheEnvironmentKeyCredentialStorageIsOff() throws Exception {
        try (var ts = new TestServer()) {
            String k = ts.server.createUser("frank").apiKey();
            var r = ts.send("PUT", "/me/credentials/okx", k, "{\"api_key\":\"12345678\",\"api_secret\":\"abcdefgh\"}");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains(CredentialCipher.ENV);
        }
    }
}
