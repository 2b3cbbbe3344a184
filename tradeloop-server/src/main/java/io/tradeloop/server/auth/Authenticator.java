package io.tradeloop.server.auth;

import io.tradeloop.core.time.Clock;
import io.tradeloop.server.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a presented API key into a {@link Principal}: looks the key up by its prefix, compares hashes in
 * constant time, and caches the verdict for {@value #CACHE_MS} ms so requests do not each hit the
 * database (revocations through this server take effect at once; those made by another process within
 * the cache time). Logs name key prefixes only.
 */
public final class Authenticator {
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
    /** How long a looked-up key is trusted without asking the database again. */
    public static final long CACHE_MS = 60_000;

    private record Cached(String hash, Principal principal, long loadedMs) {
    }

    private final UserStore users;
    private final Clock clock;
    private final SecureRandom random;
    private final ConcurrentHashMap<String, Optional<Cached>> cache = new ConcurrentHashMap<>();

    public Authenticator(UserStore users, Clock clock, SecureRandom random) {
        this.users = users;
        this.clock = clock;
        this.random = random;
    }

    /** The caller of a presented key, or empty when the key is malformed, unknown or revoked. */
    public Optional<Principal> authenticate(String presentedKey) {
        Optional<String> prefix = ApiKeys.prefixOf(presentedKey);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.nowMs();
        Optional<Cached> c = cache.get(prefix.get());
        if (c == null || (c.isPresent() && now - c.get().loadedMs() > CACHE_MS) || (c.isEmpty() && cache.size() > 10_000)) {
            c = load(prefix.get(), now);
            if (c.isPresent() || cache.size() < 10_000) { // unknown prefixes are cached too, but boundedly
                cache.put(prefix.get(), c);
            }
        }
        if (c.isEmpty() || !ApiKeys.matches(presentedKey, c.get().hash())) {
            return Optional.empty();
        }
        return Optional.of(c.get().principal());
    }

    private Optional<Cached> load(String prefix, long now) {
        return users.findKeyByPrefix(prefix).filter(k -> !k.isRevoked()).flatMap(k -> users.findUser(k.userId())
                .map(u -> new Cached(k.keyHash(), new Principal(u.id(), u.name(), k.id(), k.prefix(), k.ratePerSecond()), now)));
    }

    /** Issues a new key for a user; the only time the whole key exists outside its owner. */
    public ApiKeys.IssuedKey issue(long userId, String label, double ratePerSecond) {
        var key = ApiKeys.generate(random);
        long id = users.insertKey(userId, key.prefix(), key.hash(), label, ratePerSecond, clock.nowMs());
        cache.remove(key.prefix());
        log.info("api key issued user_id={} key_id={} prefix={} rate_per_second={}", userId, id, key.prefix(), ratePerSecond);
        return key;
    }

    /** Revokes one of the user's keys; false when the user has no such active key. */
    public boolean revoke(long userId, long keyId) {
        boolean done = users.revokeKey(userId, keyId, clock.nowMs());
        if (done) {
            users.listKeys(userId).stream().filter(k -> k.id() == keyId).forEach(k -> cache.remove(k.prefix()));
            log.info("api key revoked user_id={} key_id={}", userId, keyId);
        }
        return done;
    }
}
