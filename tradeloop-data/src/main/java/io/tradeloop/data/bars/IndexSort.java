package io.tradeloop.data.bars;

/** A stable sort of row indices by a time column, without boxing: rows of equal time keep their file order. */
public final class IndexSort {
    private IndexSort() {
    }

    /** The indices 0..n-1 ordered by {@code time}, ties in index order (merge sort). */
    public static int[] byTime(long[] time, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        int[] tmp = new int[n];
        for (int width = 1; width < n; width <<= 1) {
            for (int lo = 0; lo < n - width; lo += width << 1) {
                int mid = lo + width;
                int hi = Math.min(lo + (width << 1), n);
                if (time[a[mid - 1]] <= time[a[mid]]) continue; // already in order
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi) tmp[k++] = time[a[j]] < time[a[i]] ? a[j++] : a[i++];
                while (i < mid) tmp[k++] = a[i++];
                while (j < hi) tmp[k++] = a[j++];
                System.arraycopy(tmp, lo, a, lo, hi - lo);
            }
        }
        return a;
    }
}
