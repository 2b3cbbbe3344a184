package io.tradeloop.server.store;

import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/** Users, their API keys (hashes only) and their encrypted exchange credentials. */
public final class UserStore {
    /** A user account. */
    public record User(long id, String name, long createdMs) {
    }

    /** An API key as stored: the public prefix and the SHA-256 of the whole key, never the key. */
    public record StoredKey(long id, long userId, String prefix, String keyHash, String label, double ratePerSecond,
                            long createdMs, Long revokedMs) {
        public boolean isRevoked() {
            return revokedMs != null;
        }
    }

    /** Exchange credentials as stored: AES-GCM ciphertext and a hint (last characters of the exchange key). */
    public record StoredCredential(long userId, String exchange, String keyHint, String ciphertext, int keyVersion,
                                   long updatedMs) {
    }

    private final Jdbi jdbi;

    public UserStore(Database db) {
        this.jdbi = db.jdbi();
    }

    /** Creates a user; empty when the name is taken (also when a concurrent create won the race). */
    public Optional<User> createUser(String name, long nowMs) {
        if (findUserByName(name).isPresent()) {
            return Optional.empty();
        }
        try {
            long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO users (name, created_ms) VALUES (:n, :t)").bind("n", name)
                    .bind("t", nowMs).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            return Optional.of(new User(id, name, nowMs));
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            if (findUserByName(name).isPresent()) {
                return Optional.empty(); // the unique constraint refused a concurrent duplicate
            }
            throw e;
        }
    }

    public Optional<User> findUser(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, created_ms FROM users WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new User(rs.getLong(1), rs.getString(2), rs.getLong(3))).findOne());
    }

    public Optional<User> findUserByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, created_ms FROM users WHERE name = :n").bind("n", name)
                .map((rs, ctx) -> new User(rs.getLong(1), rs.getString(2), rs.getLong(3))).findOne());
    }

    public long insertKey(long userId, String prefix, String keyHash, String label, double ratePerSecond, long nowMs) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO api_keys (user_id, prefix, key_hash, label, rate_per_second, created_ms)
                        VALUES (:u, :p, :h, :l, :r, :t)""")
                .bind("u", userId).bind("p", prefix).bind("h", keyHash).bind("l", label).bind("r", ratePerSecond).bind("t", nowMs)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public Optional<StoredKey> findKeyByPrefix(String prefix) {
        return jdbi.withHandle(h -> h.createQuery(KEY_SELECT + " WHERE prefix = :p").bind("p", prefix).map(UserStore::key).findOne());
    }

    public List<StoredKey> listKeys(long userId) {
        return jdbi.withHandle(h -> h.createQuery(KEY_SELECT + " WHERE user_id = :u ORDER BY id").bind("u", userId)
                .map(UserStore::key).list());
    }

    /** Revokes one of the user's keys; false when the user has no such active key. */
    public boolean revokeKey(long userId, long keyId, long nowMs) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE api_keys SET revoked_ms = :t WHERE id = :id AND user_id = :u AND revoked_ms IS NULL")
                .bind("t", nowMs).bind("id", keyId).bind("u", userId).execute()) == 1;
    }

    /** Inserts or replaces the user's credentials for one exchange (update first: portable, no ON CONFLICT). */
    public void putCredential(StoredCredential c) {
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("""
                            UPDATE exchange_credentials SET key_hint = :hint, ciphertext = :c, key_version = :v, updated_ms = :t
                            WHERE user_id = :u AND exchange = :e""")
                    .bind("hint", c.keyHint()).bind("c", c.ciphertext()).bind("v", c.keyVersion()).bind("t", c.updatedMs())
                    .bind("u", c.userId()).bind("e", c.exchange()).execute();
            if (n == 0) {
                h.createUpdate("""
                                INSERT INTO exchange_credentials (user_id, exchange, key_hint, ciphertext, key_version, updated_ms)
                                VALUES (:u, :e, :hint, :c, :v, :t)""")
                        .bind("hint", c.keyHint()).bind("c", c.ciphertext()).bind("v", c.keyVersion()).bind("t", c.updatedMs())
                        .bind("u", c.userId()).bind("e", c.exchange()).execute();
            }
        });
    }

    public List<StoredCredential> listCredentials(long userId) {
        return jdbi.withHandle(h -> h.createQuery(CRED_SELECT + " WHERE user_id = :u ORDER BY exchange").bind("u", userId)
                .map(UserStore::credential).list());
    }

    public Optional<StoredCredential> findCredential(long userId, String exchange) {
        return jdbi.withHandle(h -> h.createQuery(CRED_SELECT + " WHERE user_id = :u AND exchange = :e").bind("u", userId)
                .bind("e", exchange).map(UserStore::credential).findOne());
    }

    public boolean deleteCredential(long userId, String exchange) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM exchange_credentials WHERE user_id = :u AND exchange = :e")
                .bind("u", userId).bind("e", exchange).execute()) == 1;
    }

    private static final String KEY_SELECT =
            "SELECT id, user_id, prefix, key_hash, label, rate_per_second, created_ms, revoked_ms FROM api_keys";
    private static final String CRED_SELECT =
            "SELECT user_id, exchange, key_hint, ciphertext, key_version, updated_ms FROM exchange_credentials";

    private static StoredKey key(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        long revoked = rs.getLong(8);
        Long revokedMs = rs.wasNull() ? null : revoked; // read before any other column: wasNull refers to the last read
        return new StoredKey(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getDouble(6),
                rs.getLong(7), revokedMs);
    }

    private static StoredCredential credential(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new StoredCredential(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getLong(6));
    }
}
