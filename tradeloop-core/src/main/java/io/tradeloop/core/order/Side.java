package io.tradeloop.core.order;

/** Buy or sell; {@link #sign()} turns a quantity into a signed position change. */
public enum Side {
    BUY(1), SELL(-1);

    private final int sign;

    Side(int sign) {
        this.sign = sign;
    }

    public int sign() {
        return sign;
    }

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    public static Side ofSign(double signedQty) {
        return signedQty >= 0 ? BUY : SELL;
    }
}
