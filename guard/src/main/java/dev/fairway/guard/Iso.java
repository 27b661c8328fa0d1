package dev.fairway.guard;

/** ISO-8601 UTC timestamps ({@code 2026-12-02T01:30:00.123Z}) appended without allocation. */
final class Iso {
    private Iso() {
    }

    static void append(StringBuilder sb, long millis) {
        long days = Math.floorDiv(millis, 86_400_000L);
        long ms = Math.floorMod(millis, 86_400_000L);
        // civil from days (Howard Hinnant's algorithm)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        pad(sb, y, 4).append('-');
        pad(sb, m, 2).append('-');
        pad(sb, d, 2).append('T');
        pad(sb, ms / 3_600_000, 2).append(':');
        pad(sb, ms / 60_000 % 60, 2).append(':');
        pad(sb, ms / 1000 % 60, 2).append('.');
        pad(sb, ms % 1000, 3).append('Z');
    }

    private static StringBuilder pad(StringBuilder sb, long v, int width) {
        long p = 1;
        for (int i = 1; i < width; i++) {
            p *= 10;
        }
        for (; p > 1 && v < p; p /= 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
