package io.tradeloop.decide.vote;

/** A directional view: short, flat or long, with the 3-class index the classifiers use (0 down, 1 flat, 2 up). */
public enum Direction {
    SHORT(-1), FLAT(0), LONG(1);

    private final int sign;

    Direction(int sign) {
        this.sign = sign;
    }

    /** −1, 0 or +1. */
    public int sign() {
        return sign;
    }

    /** 0 for SHORT (down), 1 for FLAT, 2 for LONG (up). */
    public int classIndex() {
        return sign + 1;
    }

    public static Direction ofClass(int classIndex) {
        return switch (classIndex) {
            case 0 -> SHORT;
            case 1 -> FLAT;
            case 2 -> LONG;
            default -> throw new IllegalArgumentException("class index must be 0, 1 or 2, got " + classIndex);
        };
    }

    public static Direction ofSign(int sign) {
        return sign > 0 ? LONG : sign < 0 ? SHORT : FLAT;
    }
}
