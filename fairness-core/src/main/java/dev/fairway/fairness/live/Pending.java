package dev.fairway.fairness.live;

/**
 * One stripe of the decisions waiting for a label: a ring in arrival order and an open-addressing
 * index from id to ring slot (linear probing, backward-shift deletion). Guarded by its own monitor.
 */
final class Pending {
    private final int capacity;
    long[] ids;
    long[] epochs;
    long[] times;
    /** 2 * group + prediction, or -1 for a slot whose decision left early. */
    int[] groups;
    private long[] keys;
    private int[] vals;
    private int mask;
    private int head;
    private int used;
    long live;
    long evictedBySize;
    long evictedByAge;
    long unmatched;
    long newest = Long.MIN_VALUE;

    Pending(int capacity) {
        this.capacity = capacity;
        allocate(Math.min(capacity, 16));
    }

    private void allocate(int length) {
        ids = new long[length];
        epochs = new long[length];
        times = new long[length];
        groups = new int[length];
        int size = Integer.highestOneBit(Math.max(2, length * 2 - 1)) << 1;
        keys = new long[size];
        vals = new int[size];
        mask = size - 1;
    }

    /** Doubles the arrays (up to the capacity), keeping arrival order: allocation only while warming up. */
    private void grow() {
        long[] oi = ids;
        long[] oe = epochs;
        long[] ot = times;
        int[] og = groups;
        int n = used;
        int h = head;
        allocate((int) Math.min(capacity, 2L * oi.length));
        head = 0;
        used = 0;
        for (int k = 0; k < n; k++) {
            int from = (h + k) % oi.length;
            int at = used++;
            ids[at] = oi[from];
            epochs[at] = oe[from];
            times[at] = ot[from];
            groups[at] = og[from];
            if (og[from] >= 0) {
                index(oi[from], at);
            }
        }
    }

    private void index(long id, int at) {
        int i = hash(id);
        while (vals[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = id;
        vals[i] = at + 1;
    }

    void insert(long id, int group, boolean prediction, long epoch, long time, long maxAge) {
        if (find(id) >= 0) {
            throw new IllegalArgumentException("decision id " + id + " is already waiting for its label");
        }
        newest = Math.max(newest, time);
        expire(newest, maxAge);
        if (used == ids.length && ids.length < capacity) {
            grow();
        }
        if (used == ids.length) {
            pop(true);
        }
        int at = (head + used) % ids.length;
        used++;
        ids[at] = id;
        epochs[at] = epoch;
        times[at] = time;
        groups[at] = 2 * group + (prediction ? 1 : 0);
        live++;
        index(id, at);
    }

    /** Evicts waiting decisions older than maxAge before the newest time. */
    void expire(long now, long maxAge) {
        while (used > 0 && (groups[head] < 0 || times[head] < now - maxAge)) {
            pop(false);
        }
    }

    private void pop(boolean bySize) {
        if (groups[head] >= 0) {
            if (bySize) {
                evictedBySize++;
            } else {
                evictedByAge++;
            }
            unindex(ids[head]);
            live--;
        }
        groups[head] = -1;
        head = (head + 1) % ids.length;
        used--;
    }

    /** Ring slot of a waiting id, or -1. */
    int find(long id) {
        int i = hash(id);
        while (vals[i] != 0) {
            if (keys[i] == id) {
                return vals[i] - 1;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Removes a labelled decision; its ring slot stays as a hole until the head passes it. */
    void remove(int at) {
        unindex(ids[at]);
        groups[at] = -1;
        live--;
        while (used > 0 && groups[head] < 0) {
            head = (head + 1) % ids.length;
            used--;
        }
    }

    private void unindex(long id) {
        int i = hash(id);
        while (keys[i] != id || vals[i] == 0) {
            i = (i + 1) & mask;
        }
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (vals[j] == 0) {
                break;
            }
            int k = hash(keys[j]);
            boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                keys[i] = keys[j];
                vals[i] = vals[j];
                i = j;
            }
        }
        vals[i] = 0;
    }

    /** MurmurHash3's 64-bit finaliser: ids of one stripe share high bits of id * golden, so mix fully. */
    private int hash(long id) {
        long h = id;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}
