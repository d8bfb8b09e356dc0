package dev.unideploy.sandbox;

import java.util.List;

/** One log line a simulated deployment writes once its timeline reaches {@code tick}. */
record ScriptLine(int tick, String text, boolean stderr, boolean hidden) {

    static ScriptLine out(int tick, String text) {
        return new ScriptLine(tick, text, false, false);
    }

    static ScriptLine err(int tick, String text) {
        return new ScriptLine(tick, text, true, false);
    }

    /** The lines written by the given tick. */
    static List<ScriptLine> upTo(List<ScriptLine> script, int tick) {
        return script.stream().filter(line -> line.tick() <= tick).toList();
    }
}
