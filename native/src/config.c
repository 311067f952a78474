/*
 * config.c - parses wdemu_start's "key=value;key=value" configuration.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "emu.h"
#include "config.h"

#define LIST_MAX 512

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *e = s + strlen(s);

	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int parse_int(const char *v, long lo, long hi, int *out)
{
	char *end;

	errno = 0;
	long x = strtol(v, &end, 10);

	if (errno || end == v || *end || x < lo || x > hi)
		return -EINVAL;
	*out = (int)x;
	return 0;
}

static int parse_double(const char *v, double lo, double hi, double *out)
{
	char *end;

	errno = 0;
	double x = strtod(v, &end);

	if (errno || end == v || *end || !(x >= lo && x <= hi))
		return -EINVAL;
	*out = x;
	return 0;
}

static int parse_api(const char *v, int *out)
{
	if (!strcmp(v, "hisi_qm_v1"))
		*out = API_V1;
	else if (!strcmp(v, "hisi_qm_v2"))
		*out = API_V2;
	else if (!strcmp(v, "hisi_qm_v3"))
		*out = API_V3;
	else
		return -EINVAL;
	return 0;
}

/* Split a ':'-separated list; each element parsed by kind (0 api, 1 numa). */
static int parse_list(char *v, int kind, int *vals, int *n)
{
	*n = 0;
	for (char *save = NULL, *tok = strtok_r(v, ":", &save); tok;
	     tok = strtok_r(NULL, ":", &save)) {
		if (*n >= EMU_MAX_DEVICES)
			return -EINVAL;
		tok = trim(tok);
		int rc = kind == 0 ? parse_api(tok, &vals[*n]) :
				     parse_int(tok, -1, 1024, &vals[*n]);
		if (rc)
			return rc;
		(*n)++;
	}
	return *n ? 0 : -EINVAL;
}

/* One value for every device, or exactly one per device. */
static int spread(const int *vals, int n, int devices, int *out)
{
	if (n != 1 && n != devices)
		return -EINVAL;
	for (int i = 0; i < devices; i++)
		out[i] = vals[n == 1 ? 0 : i];
	return 0;
}

int emu_parse_config(const char *s, struct emu_config *c)
{
	int api[EMU_MAX_DEVICES] = { API_V2 }, napi = 1;
	int numa[EMU_MAX_DEVICES] = { 0 }, nnuma = 1;
	char buf[LIST_MAX * 8];
	int rc = 0;

	memset(c, 0, sizeof(*c));
	c->devices = 1;
	c->instances = 64;      /* HZIP_PF_DEF_Q_NUM, the kernel driver's default */
	c->depth = 1024;
	c->sva = 1;
	c->set_qp_info = 1;
	c->zlib_level = 6;
	c->threads = 1;
	c->max_streams = 1024;

	if (s) {
		if (strlen(s) >= sizeof(buf))
			return -EINVAL;
		strcpy(buf, s);
		for (char *save = NULL, *kv = strtok_r(buf, ";,", &save); kv && !rc;
		     kv = strtok_r(NULL, ";,", &save)) {
			kv = trim(kv);
			if (!*kv)
				continue;
			char *eq = strchr(kv, '=');

			if (!eq)
				return -EINVAL;
			*eq = '\0';
			char *k = trim(kv), *v = trim(eq + 1);

			if (!strcmp(k, "devices"))
				rc = parse_int(v, 1, EMU_MAX_DEVICES, &c->devices);
			else if (!strcmp(k, "instances"))
				rc = parse_int(v, 1, 4096, &c->instances);
			else if (!strcmp(k, "depth"))
				rc = parse_int(v, 2, 65535, &c->depth);
			else if (!strcmp(k, "api"))
				rc = parse_list(v, 0, api, &napi);
			else if (!strcmp(k, "numa"))
				rc = parse_list(v, 1, numa, &nnuma);
			else if (!strcmp(k, "sva"))
				rc = parse_int(v, 0, 1, &c->sva);
			else if (!strcmp(k, "set_qp_info"))
				rc = parse_int(v, 0, 1, &c->set_qp_info);
			else if (!strcmp(k, "latency_ns"))
				rc = parse_double(v, 0, 60e9, &c->latency_ns);
			else if (!strcmp(k, "ns_per_byte"))
				rc = parse_double(v, 0, 1e6, &c->ns_per_byte);
			else if (!strcmp(k, "zlib_level"))
				rc = parse_int(v, 0, 9, &c->zlib_level);
			else if (!strcmp(k, "threads"))
				rc = parse_int(v, 1, 64, &c->threads);
			else if (!strcmp(k, "max_streams"))
				rc = parse_int(v, 1, 1 << 20, &c->max_streams);
			else
				rc = -EINVAL;
		}
		if (rc)
			return rc;
	}
	if (spread(api, napi, c->devices, c->api) || spread(numa, nnuma, c->devices, c->numa))
		return -EINVAL;
	/* the v2+ doorbell carries the queue number in 10 bits */
	for (int i = 0; i < c->devices; i++)
		if (c->api[i] != API_V1 && c->instances > 1024)
			return -EINVAL;
	return 0;
}
