package io.tradeloop.server.http;

import io.javalin.http.Context;

/** Query parameters checked against their ranges; a bad one is a 400 naming it and the range. */
final class Params {
    private Params() {
    }

    /** The parameter as a long in [min, max], or null when absent. */
    static Long optLong(Context ctx, String name, long min, long max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return null;
        }
        long x;
        try {
            x = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParam(name, "'" + abbreviate(v) + "' is not a whole number", "[" + min + ", " + max + "]");
        }
        if (x < min || x > max) {
            throw ApiException.badParam(name, "value " + x + " is outside the allowed range", "[" + min + ", " + max + "]");
        }
        return x;
    }

    static int intParam(Context ctx, String name, int min, int max, int fallback) {
        Long v = optLong(ctx, name, min, max);
        return v == null ? fallback : v.intValue();
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
