package com.example.vshutdown.master.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.support.offer.MalformedSettingException;

/**
 * The order in which a system-wide shutdown asks the slaves, in groups: {@code *;5;3} asks every
 * domain not named first, then 5, then 3 (a storage or driver domain that others use goes last).
 * Groups are separated by {@code ;}, the ids of one group by {@code ,} ({@code 1,2;*;3}); white
 * space around an id is ignored. {@code *} stands for every domain not named and must appear
 * exactly once, so that every domain, even one created during a shutdown, has a group. Anything
 * else is refused, never read as "all at once".
 */
final class StopOrder {
    static final String OTHERS = "*";
    /** Every domain in one group: all requests at once, as 004 describes. */
    static final StopOrder ALL_AT_ONCE = new StopOrder(OTHERS, List.of(new TreeSet<>()), 0);

    private final String text;
    /** The ids each group names, in order; the others' group names none but holds every other domain. */
    private final List<SortedSet<Integer>> named;
    private final int othersGroup;
    private final Map<Integer, Integer> groupOfNamed = new TreeMap<>();

    private StopOrder(String text, List<SortedSet<Integer>> named, int othersGroup) {
        this.text = text;
        this.named = List.copyOf(named);
        this.othersGroup = othersGroup;
        for (int group = 0; group < named.size(); group++) {
            for (int id : named.get(group)) {
                groupOfNamed.put(id, group);
            }
        }
    }

    /**
     * @param setting how the setting is named in the one-line refusal
     * @param masterDomain the master's own id, which the order must not name: it is never asked
     */
    static StopOrder parse(String value, String setting, int masterDomain) throws MalformedSettingException {
        String quoted = setting + ": '" + Values.printable(value) + "' ";
        if (value.isBlank()) {
            throw new MalformedSettingException(quoted + "is empty; give groups separated by ';' and '*' for every "
                    + "domain not named, e.g. '*;5;3'");
        }
        String[] groups = value.strip().split(";", -1);
        List<SortedSet<Integer>> named = new ArrayList<>();
        Map<Integer, Integer> seen = new TreeMap<>();
        int others = -1;
        for (int group = 0; group < groups.length; group++) {
            SortedSet<Integer> ids = new TreeSet<>();
            String[] entries = groups[group].split(",", -1);
            for (String raw : entries) {
                String entry = raw.strip();
                if (entry.isEmpty()) {
                    throw new MalformedSettingException(quoted + "has an empty " + (entries.length == 1
                            ? "group (group " + (group + 1) + ")" : "entry in group " + (group + 1)));
                }
                if (entry.equals(OTHERS)) {
                    if (others >= 0) {
                        throw new MalformedSettingException(quoted + "names '*' twice (groups " + (others + 1)
                                + " and " + (group + 1) + "); '*' is every domain not named, once");
                    }
                    others = group;
                    continue;
                }
                int id = domainId(quoted, entry, group);
                if (id == masterDomain) {
                    throw new MalformedSettingException(quoted + "names domain " + id + ", the master's own domain, "
                            + "which is never asked");
                }
                Integer earlier = seen.putIfAbsent(id, group);
                if (earlier != null) {
                    throw new MalformedSettingException(quoted + "names domain " + id + " twice (groups "
                            + (earlier + 1) + " and " + (group + 1) + ")");
                }
                ids.add(id);
            }
            named.add(ids);
        }
        if (others < 0) {
            throw new MalformedSettingException(quoted + "has no '*': every domain not named needs a group, "
                    + "e.g. '*;" + value.strip() + "'");
        }
        return new StopOrder(String.join(";", groups).replaceAll("\\s", ""), named, others);
    }

    private static int domainId(String quoted, String entry, int group) throws MalformedSettingException {
        try {
            return Values.parseDomainId(entry);
        } catch (InvalidValueException e) {
            throw new MalformedSettingException(quoted + "has '" + Values.printable(entry) + "' in group "
                    + (group + 1) + ", which is neither a domain id nor '*'");
        }
    }

    /** The order as the live output quotes it. */
    @Override
    public String toString() {
        return text;
    }

    int size() {
        return named.size();
    }

    /** Whether there is more than one group: otherwise every request is written at once. */
    boolean ordered() {
        return named.size() > 1;
    }

    /** The group of a domain, from 0: its own if the order names it, else that of {@code *}. */
    int groupOf(int id) {
        return groupOfNamed.getOrDefault(id, othersGroup);
    }

    /** The domains the order names, with their group. */
    Map<Integer, Integer> named() {
        return new TreeMap<>(groupOfNamed);
    }

    /** The ids among {@code ids} that fall into each group, by group; a group without any is empty. */
    List<SortedSet<Integer>> arrange(Collection<Integer> ids) {
        List<SortedSet<Integer>> groups = new ArrayList<>();
        for (int group = 0; group < named.size(); group++) {
            groups.add(new TreeSet<>());
        }
        ids.forEach(id -> groups.get(groupOf(id)).add(id));
        return groups;
    }
}
