package io.warpdrive.testing.data;

import java.util.SplittableRandom;

/**
 * Bytes laid out like an executable: code sections of x86-64-like instructions (prologues,
 * moves with ModRM bytes, calls and jumps with small relative offsets, padding between
 * functions to 16 bytes), tables of ascending 64-bit addresses, tables of small integers,
 * string tables of NUL-terminated names and messages, and zero padding to 4 KiB pages between
 * sections.
 */
final class BinaryGenerator implements Generator {
    private static final String[] SYMBOL_PARTS = {"init", "open", "close", "read", "write", "alloc", "free",
        "queue", "send", "recv", "poll", "lock", "unlock", "ctx", "dev", "buf", "list", "hash", "get", "set"};

    @Override
    public void generate(SplittableRandom random, DataWriter out, int size) {
        long base = 0x400000L;
        while (out.size() < size) {
            int section = random.nextInt(10);
            int length = 16 * 1024 + random.nextInt(240 * 1024);
            int end = out.size() + length;
            if (section < 6) {
                while (out.size() < end) {
                    function(random, out);
                }
            } else if (section < 8) {
                long address = base + random.nextInt(1 << 20);
                while (out.size() < end) {
                    address += 8 * (1 + random.nextInt(random.nextInt(64) + 1));
                    out.int64(address);
                }
            } else if (section == 8) {
                while (out.size() < end) {
                    out.int32(random.nextInt(3) == 0 ? random.nextInt(65_536) : random.nextInt(16));
                }
            } else {
                Vocabulary words = new Vocabulary(500, 1.0, random.nextLong());
                while (out.size() < end) {
                    String name = random.nextBoolean()
                            ? "wd_" + Vocabulary.pick(random, SYMBOL_PARTS) + "_" + Vocabulary.pick(random, SYMBOL_PARTS)
                            : Vocabulary.capitalized(words.next(random)) + " " + words.next(random) + ": %s (%d)";
                    out.ascii(name).put(0);
                }
            }
            out.align(4096, 0);
            base += 0x10000;
        }
    }

    /** One function: prologue, a body of common instructions, epilogue, int3 padding to 16. */
    private static void function(SplittableRandom random, DataWriter out) {
        out.put(0x55).put(0x48).put(0x89).put(0xe5); // push rbp; mov rbp, rsp
        if (random.nextBoolean()) {
            out.put(0x48).put(0x83).put(0xec).put(8 * (1 + random.nextInt(8)));
        }
        for (int i = 4 + random.nextInt(40); i > 0; i--) {
            int op = random.nextInt(12);
            int modrm = 0x40 + 8 * random.nextInt(8) + random.nextInt(8);
            switch (op) {
                case 0, 1, 2 -> out.put(0x48).put(0x8b).put(modrm).put(-8 * (1 + random.nextInt(6)) & 0xff);
                case 3, 4 -> out.put(0x48).put(0x89).put(modrm).put(-8 * (1 + random.nextInt(6)) & 0xff);
                case 5 -> out.put(0xe8).int32(-random.nextInt(1 << 16)); // call rel32
                case 6 -> out.put(0x85).put(0xc0).put(0x74).put(random.nextInt(64)); // test eax,eax; je rel8
                case 7 -> out.put(0x0f).put(0x84).int32(random.nextInt(1 << 10)); // je rel32
                case 8 -> out.put(0x31).put(0xc0); // xor eax, eax
                case 9 -> out.put(0xb8).int32(random.nextInt(256)); // mov eax, imm32
                case 10 -> out.put(0x48).put(0x8d).put(0x05).int32(random.nextInt(1 << 20)); // lea rax, [rip+disp]
                default -> out.put(0xff).put(0x15).int32(random.nextInt(1 << 16)); // call [rip+disp]
            }
        }
        out.put(0xc9).put(0xc3); // leave; ret
        out.align(16, 0xcc);
    }
}
