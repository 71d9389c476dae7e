package io.obkc.rocketmq.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of a forked JVM that runs several {@code main} methods in turn, e.g. a RocketMQ name server and broker:
 * {@code ForkedMains ClassA a1 a2 -- ClassB b1}. Uses nothing but the JDK, so it runs on any class path; the classes
 * are looked up by name. The started servers keep the JVM alive until it is ended.
 */
public final class ForkedMains {
    private ForkedMains() {
    }

    public static void main(String[] args) throws Exception {
        List<List<String>> calls = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--")) {
                calls.add(current);
                current = new ArrayList<>();
            } else {
                current.add(a);
            }
        }
        calls.add(current);
        for (List<String> call : calls) {
            String[] rest = call.subList(1, call.size()).toArray(new String[0]);
            System.out.println("[forked-mains] " + call.get(0) + " " + Arrays.toString(rest));
            Class.forName(call.get(0)).getMethod("main", String[].class).invoke(null, (Object) rest);
        }
    }
}
