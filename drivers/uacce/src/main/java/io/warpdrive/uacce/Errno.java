package io.warpdrive.uacce;

/**
 * Names of the errno values a uacce char device (or an emulator of one) returns (the
 * asm-generic numbers, the same on x86-64 and arm64), for messages such as
 * {@code open /dev/<device>: EBUSY (device or resource busy)}.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int EMFILE = 24;
    public static final int ENOTTY = 25;

    private Errno() {
    }

    /** The symbolic name of an errno value (positive or negated), e.g. {@code EBUSY}. */
    public static String name(int errno) {
        switch (Math.abs(errno)) {
            case EPERM: return "EPERM";
            case ENOENT: return "ENOENT";
            case EIO: return "EIO";
            case ENXIO: return "ENXIO";
            case EBADF: return "EBADF";
            case ENOMEM: return "ENOMEM";
            case EACCES: return "EACCES";
            case EFAULT: return "EFAULT";
            case EBUSY: return "EBUSY";
            case EEXIST: return "EEXIST";
            case ENODEV: return "ENODEV";
            case EINVAL: return "EINVAL";
            case EMFILE: return "EMFILE";
            case ENOTTY: return "ENOTTY";
            default: return "errno " + Math.abs(errno);
        }
    }

    /** Name and meaning, e.g. {@code EBUSY (device or resource busy)}. */
    public static String describe(int errno) {
        String meaning;
        switch (Math.abs(errno)) {
            case EPERM: meaning = "operation not permitted"; break;
            case ENOENT: meaning = "no such file or directory"; break;
            case EIO: meaning = "input/output error"; break;
            case ENXIO: meaning = "no such device or address: the queue was released or the device removed"; break;
            case EBADF: meaning = "bad file descriptor"; break;
            case ENOMEM: meaning = "out of memory"; break;
            case EACCES: meaning = "permission denied"; break;
            case EFAULT: meaning = "bad address"; break;
            case EBUSY: meaning = "device or resource busy"; break;
            case EEXIST: meaning = "region already mapped"; break;
            case ENODEV: meaning = "no such device"; break;
            case EINVAL: meaning = "invalid argument"; break;
            case EMFILE: meaning = "too many open files"; break;
            case ENOTTY: meaning = "inappropriate ioctl for device: not a uacce queue"; break;
            default: meaning = "unknown error"; break;
        }
        return name(errno) + " (" + meaning + ")";
    }
}
