package dev.fairway.explain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The players of the game: single features, or groups of features (the one-hot columns of a
 * category, a consent category) that enter and leave a coalition together and receive one
 * attribution.
 *
 * <p>Players are ordered by the first feature they contain, so the order does not depend on how
 * the groups were listed.
 *
 * <p>Thread-safety: immutable; safe to share.
 */
public final class Players {
    private final List<String> featureNames;
    private final List<String> names;
    private final int[] playerOfFeature;
    private final int[][] featuresOfPlayer;

    private Players(List<String> featureNames, List<String> names, int[] playerOfFeature) {
        this.featureNames = featureNames;
        this.names = names;
        this.playerOfFeature = playerOfFeature;
        int[] counts = new int[names.size()];
        for (int p : playerOfFeature) {
            counts[p]++;
        }
        featuresOfPlayer = new int[names.size()][];
        for (int p = 0; p < counts.length; p++) {
            featuresOfPlayer[p] = new int[counts[p]];
            counts[p] = 0;
        }
        for (int j = 0; j < playerOfFeature.length; j++) {
            int p = playerOfFeature[j];
            featuresOfPlayer[p][counts[p]++] = j;
        }
    }

    /**
     * Makes every feature its own player.
     *
     * @param featureNames the feature names in column order, non-blank and distinct
     * @return the players
     * @throws IllegalArgumentException if the list is empty, or a name is blank or repeated
     */
    public static Players of(List<String> featureNames) {
        return grouped(featureNames, Map.of());
    }

    /**
     * Makes each group one player; features in no group stay players of their own.
     *
     * @param featureNames the feature names in column order, non-blank and distinct
     * @param groups group name to the names of its features; each feature in at most one group,
     *     group names distinct from the names of ungrouped features
     * @return the players
     * @throws IllegalArgumentException if a name is blank, repeated or unknown, a group is empty,
     *     or a feature is in two groups
     */
    public static Players grouped(List<String> featureNames, Map<String, List<String>> groups) {
        Objects.requireNonNull(featureNames, "featureNames");
        Objects.requireNonNull(groups, "groups");
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("featureNames must not be empty");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < featureNames.size(); j++) {
            String f = Objects.requireNonNull(featureNames.get(j), "featureNames[" + j + "]");
            if (f.isBlank()) {
                throw new IllegalArgumentException("featureNames[" + j + "] is blank");
            }
            if (index.put(f, j) != null) {
                throw new IllegalArgumentException("feature name '" + f + "' is repeated");
            }
        }
        String[] groupOf = new String[featureNames.size()];
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            String gName = Objects.requireNonNull(g.getKey(), "group name");
            if (gName.isBlank()) {
                throw new IllegalArgumentException("a group name is blank");
            }
            List<String> members = Objects.requireNonNull(g.getValue(), "group '" + gName + "'");
            if (members.isEmpty()) {
                throw new IllegalArgumentException("group '" + gName + "' is empty");
            }
            for (String f : members) {
                Integer j = index.get(f);
                if (j == null) {
                    throw new IllegalArgumentException("group '" + gName + "' names unknown feature '" + f + "'");
                }
                if (groupOf[j] != null) {
                    throw new IllegalArgumentException("feature '" + f + "' is in groups '" + groupOf[j] + "' and '" + gName + "'");
                }
                groupOf[j] = gName;
            }
        }
        for (int j = 0; j < featureNames.size(); j++) {
            if (groupOf[j] == null && groups.containsKey(featureNames.get(j))) {
                throw new IllegalArgumentException("group name '" + featureNames.get(j) + "' is also an ungrouped feature");
            }
        }
        LinkedHashMap<String, Integer> playerIndex = new LinkedHashMap<>();
        int[] playerOf = new int[featureNames.size()];
        for (int j = 0; j < featureNames.size(); j++) {
            String name = groupOf[j] != null ? groupOf[j] : featureNames.get(j);
            Integer p = playerIndex.get(name);
            if (p == null) {
                p = playerIndex.size();
                playerIndex.put(name, p);
            }
            playerOf[j] = p;
        }
        return new Players(List.copyOf(featureNames), List.copyOf(new ArrayList<>(playerIndex.keySet())), playerOf);
    }

    /**
     * Returns the player names in player order.
     *
     * @return the names, unmodifiable
     */
    public List<String> names() {
        return names;
    }

    /**
     * Returns the feature names in column order.
     *
     * @return the names, unmodifiable
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Returns the number of players.
     *
     * @return the number of players
     */
    public int size() {
        return names.size();
    }

    /**
     * Returns the number of features.
     *
     * @return the number of columns
     */
    public int features() {
        return playerOfFeature.length;
    }

    /**
     * Returns the player that a feature belongs to.
     *
     * @param feature the column index
     * @return the player index
     */
    public int playerOf(int feature) {
        return playerOfFeature[Objects.checkIndex(feature, playerOfFeature.length)];
    }

    /**
     * Returns the column indices of a player's features.
     *
     * @param player the player index
     * @return the columns, ascending (a copy)
     */
    public int[] featuresOf(int player) {
        return featuresOfPlayer[Objects.checkIndex(player, featuresOfPlayer.length)].clone();
    }

    int[][] featuresOfPlayers() {
        return featuresOfPlayer;
    }

    /**
     * Returns the names of the features of each player, for reports.
     *
     * @return player name to feature names, in player order, unmodifiable
     */
    public Map<String, List<String>> membership() {
        LinkedHashMap<String, List<String>> m = new LinkedHashMap<>();
        for (int p = 0; p < names.size(); p++) {
            List<String> fs = new ArrayList<>();
            for (int j : featuresOfPlayer[p]) {
                fs.add(featureNames.get(j));
            }
            m.put(names.get(p), List.copyOf(fs));
        }
        return Collections.unmodifiableMap(m);
    }
}
