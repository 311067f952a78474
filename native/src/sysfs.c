/*
 * sysfs.c - the emulated /sys/class/uacce/<dev>/ attributes and /dev/<dev>.
 *
 * The Java driver reads these with ordinary file I/O, exactly as it reads the
 * real sysfs, so every attribute is "value\n". Attributes that change at run
 * time (available_instances, isolate) are written to a hidden temporary file
 * and renamed over the old one: a concurrent reader sees the old or the new
 * value, never a torn one.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emu.h"
#include "sysfs.h"
#include "log.h"

static const char *const k_attrs[] = {
	"api", "flags", "available_instances", "algorithms",
	"region_mmio_size", "region_dus_size", "isolate",
};
#define N_ATTRS (sizeof(k_attrs) / sizeof(k_attrs[0]))

int emu_mkdir_p(const char *path)
{
	char tmp[EMU_PATH_MAX];
	size_t n = strlen(path);

	if (n == 0 || n >= sizeof(tmp))
		return -ENAMETOOLONG;
	memcpy(tmp, path, n + 1);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(tmp, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Write <dir>/<attr> atomically (temporary file + rename). */
static int write_file_atomic(const char *dir, const char *attr, const char *value)
{
	char path[EMU_PATH_MAX + 64], tmp[EMU_PATH_MAX + 64];
	const char *slash = strrchr(attr, '/');
	int rc;

	if (snprintf(path, sizeof(path), "%s/%s", dir, attr) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	if (slash)   /* "device/numa_node": temporary file in the same directory */
		snprintf(tmp, sizeof(tmp), "%s/%.*s/.%s.tmp", dir, (int)(slash - attr), attr,
			 slash + 1);
	else
		snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, attr);
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0444);

	if (fd < 0)
		return -errno;
	rc = write_all(fd, value, strlen(value));
	if (close(fd) && !rc)
		rc = -errno;
	if (!rc && rename(tmp, path))
		rc = -errno;
	if (rc)
		unlink(tmp);
	return rc;
}

int emu_sysfs_write_attr(struct emu_dev *d, const char *attr, const char *value)
{
	return write_file_atomic(d->sysfs_dir, attr, value);
}

void emu_sysfs_destroy(struct emu_dev *d)
{
	char path[EMU_PATH_MAX + 64];

	if (!d->sysfs_dir[0])
		return;
	for (size_t i = 0; i < N_ATTRS; i++) {
		snprintf(path, sizeof(path), "%s/%s", d->sysfs_dir, k_attrs[i]);
		unlink(path);
		snprintf(path, sizeof(path), "%s/.%s.tmp", d->sysfs_dir, k_attrs[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/device/numa_node", d->sysfs_dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/device/.numa_node.tmp", d->sysfs_dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/device", d->sysfs_dir);
	rmdir(path);
	rmdir(d->sysfs_dir);
	unlink(d->dev_file);
}

int emu_sysfs_create(struct emu_dev *d, const char *root)
{
	static const char *const api_names[] = { "", "hisi_qm_v1", "hisi_qm_v2", "hisi_qm_v3" };
	char v[64], sub[EMU_PATH_MAX + 16];
	int rc;

	if (snprintf(d->sysfs_dir, sizeof(d->sysfs_dir), "%s/class/uacce/%s", root, d->name) >=
	    (int)sizeof(d->sysfs_dir) ||
	    snprintf(d->dev_file, sizeof(d->dev_file), "%s/dev/%s", root, d->name) >=
	    (int)sizeof(d->dev_file))
		return -ENAMETOOLONG;
	emu_sysfs_destroy(d);   /* leftovers of a run that did not stop cleanly */
	snprintf(sub, sizeof(sub), "%s/device", d->sysfs_dir);
	rc = emu_mkdir_p(sub);
	if (rc)
		return rc;

	snprintf(v, sizeof(v), "%s\n", api_names[d->api]);
	if ((rc = emu_sysfs_write_attr(d, "api", v)))
		return rc;
	snprintf(v, sizeof(v), "%d\n", d->sva ? 1 : 0);   /* UACCE_DEV_SVA = BIT(0) */
	if ((rc = emu_sysfs_write_attr(d, "flags", v)))
		return rc;
	snprintf(v, sizeof(v), "%u\n", d->instances);
	if ((rc = emu_sysfs_write_attr(d, "available_instances", v)))
		return rc;
	/* the kernel prints its algorithm list followed by one more newline;
	 * v3 adds deflate and the device-side LZ77 algorithms */
	if ((rc = emu_sysfs_write_attr(d, "algorithms", d->api == API_V3 ?
				       "zlib\ngzip\ndeflate\nlz77_zstd\nlz4\n" : "zlib\ngzip\n")))
		return rc;
	snprintf(v, sizeof(v), "%zu\n", d->mmio_size);
	if ((rc = emu_sysfs_write_attr(d, "region_mmio_size", v)))
		return rc;
	snprintf(v, sizeof(v), "%zu\n", d->dus_size);
	if ((rc = emu_sysfs_write_attr(d, "region_dus_size", v)))
		return rc;
	if ((rc = emu_sysfs_write_attr(d, "isolate", "0\n")))
		return rc;
	snprintf(v, sizeof(v), "%d\n", d->numa);
	if ((rc = emu_sysfs_write_attr(d, "device/numa_node", v)))
		return rc;

	int fd = open(d->dev_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

/* Publish the current free-instance count. sysfs_mu orders concurrent
 * updates so that the last file written carries the latest count. */
void emu_sysfs_update_available(struct emu_dev *d)
{
	char v[32];

	pthread_mutex_lock(&d->sysfs_mu);
	pthread_mutex_lock(&d->mu);
	int skip = !d->alive || d->removed;
	unsigned avail = d->instances - d->in_use;

	pthread_mutex_unlock(&d->mu);
	if (!skip) {
		snprintf(v, sizeof(v), "%u\n", avail);
		int rc = emu_sysfs_write_attr(d, "available_instances", v);

		if (rc)
			emu_log("%s: cannot update available_instances: %s", d->name, strerror(-rc));
	}
	pthread_mutex_unlock(&d->sysfs_mu);
}
