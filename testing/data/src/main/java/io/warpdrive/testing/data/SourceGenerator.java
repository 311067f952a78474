package io.warpdrive.testing.data;

import java.util.SplittableRandom;

/**
 * C-like source code: a licence comment per file, includes, structs and functions whose
 * bodies nest ifs and loops four spaces a level, with assignments, calls, returns and line
 * comments, over identifiers built from a small set of parts as real code reuses its names.
 */
final class SourceGenerator implements Generator {
    private static final String[] PARTS = {"buf", "len", "count", "index", "node", "next", "prev", "size",
        "data", "value", "key", "list", "map", "state", "flag", "err", "result", "offset", "ptr", "queue",
        "head", "tail", "item", "entry", "table", "hash", "name", "path", "file", "stream", "block", "frame",
        "window", "level", "mode", "type", "limit", "total", "start", "end", "pos", "dev", "ctx", "req"};
    private static final String[] TYPES = {"int", "unsigned int", "size_t", "char *", "const char *",
        "struct wd_ctx *", "uint32_t", "uint64_t", "void *", "bool", "long"};
    private static final String[] OPS = {" + ", " - ", " * ", " & ", " | ", " << ", " >> ", " / "};
    private static final String[] COMPARE = {" == ", " != ", " < ", " > ", " <= ", " >= "};

    @Override
    public void generate(SplittableRandom random, DataWriter out, int size) {
        Vocabulary comments = new Vocabulary(2_000, 1.1, random.nextLong());
        while (out.size() < size) {
            out.ascii("/*\n * " + sentence(random, comments, 8) + "\n *\n * Licensed under the Apache License, "
                    + "Version 2.0 (the \"License\");\n * you may not use this file except in compliance with "
                    + "the License.\n */\n\n");
            for (String h : new String[] {"stdio.h", "stdlib.h", "string.h", "errno.h"}) {
                out.ascii("#include <" + h + ">\n");
            }
            out.ascii("#include \"" + ident(random, false) + ".h\"\n\n");
            int functions = 3 + random.nextInt(12);
            for (int f = 0; f < functions; f++) {
                if (random.nextInt(4) == 0) {
                    struct(random, out);
                }
                function(random, comments, out);
            }
        }
    }

    private static void struct(SplittableRandom random, DataWriter out) {
        out.ascii("struct " + ident(random, true) + " {\n");
        for (int i = 2 + random.nextInt(8); i > 0; i--) {
            out.ascii("    " + Vocabulary.pick(random, TYPES) + " " + ident(random, true) + ";\n");
        }
        out.ascii("};\n\n");
    }

    private static void function(SplittableRandom random, Vocabulary comments, DataWriter out) {
        out.ascii("/* " + sentence(random, comments, 10) + " */\n");
        out.ascii((random.nextBoolean() ? "static " : "") + Vocabulary.pick(random, TYPES) + " "
                + ident(random, true) + "(");
        for (int p = random.nextInt(4); p >= 0; p--) {
            out.ascii(Vocabulary.pick(random, TYPES) + " " + ident(random, true) + (p > 0 ? ", " : ""));
        }
        out.ascii(")\n{\n");
        block(random, comments, out, 1, 3 + random.nextInt(12));
        out.ascii("    return " + expression(random) + ";\n}\n\n");
    }

    private static void block(SplittableRandom random, Vocabulary comments, DataWriter out, int depth, int statements) {
        String indent = "    ".repeat(depth);
        for (int s = 0; s < statements; s++) {
            int kind = random.nextInt(depth < 4 ? 10 : 6);
            if (kind < 3) {
                out.ascii(indent + ident(random, true) + " = " + expression(random) + ";\n");
            } else if (kind == 3) {
                out.ascii(indent + ident(random, true) + "(" + ident(random, true) + ", " + expression(random) + ");\n");
            } else if (kind == 4) {
                out.ascii(indent + "// " + sentence(random, comments, 9) + "\n");
            } else if (kind == 5) {
                out.ascii(indent + "if (" + ident(random, true) + " == NULL)\n" + indent + "    return -EINVAL;\n");
            } else if (kind < 8) {
                out.ascii(indent + "if (" + ident(random, true) + Vocabulary.pick(random, COMPARE)
                        + expression(random) + ") {\n");
                block(random, comments, out, depth + 1, 1 + random.nextInt(4));
                out.ascii(indent + "}\n");
            } else {
                String i = random.nextBoolean() ? "i" : "j";
                out.ascii(indent + "for (" + i + " = 0; " + i + " < " + ident(random, true) + "; " + i + "++) {\n");
                block(random, comments, out, depth + 1, 1 + random.nextInt(4));
                out.ascii(indent + "}\n");
            }
        }
    }

    private static String expression(SplittableRandom random) {
        String e = random.nextInt(3) == 0 ? Integer.toString(random.nextInt(random.nextBoolean() ? 16 : 4096))
                : ident(random, true);
        for (int terms = random.nextInt(3); terms > 0; terms--) {
            e += Vocabulary.pick(random, OPS) + (random.nextBoolean() ? ident(random, true) : random.nextInt(64));
        }
        return e;
    }

    private static String ident(SplittableRandom random, boolean snake) {
        String a = Vocabulary.pick(random, PARTS);
        return random.nextInt(3) == 0 ? a : a + (snake ? "_" : "") + Vocabulary.pick(random, PARTS);
    }

    private static String sentence(SplittableRandom random, Vocabulary words, int max) {
        StringBuilder b = new StringBuilder(Vocabulary.capitalized(words.next(random)));
        for (int i = 1 + random.nextInt(max); i > 0; i--) {
            b.append(' ').append(words.next(random));
        }
        return b.append('.').toString();
    }
}
