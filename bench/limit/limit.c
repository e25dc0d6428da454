/*
 * The machine's limit for mmipc's benchmarks: what two processes sharing memory can do with nothing in
 * between -- no JVM, no framing beyond a length, no liveness checks.
 *
 *   cache line round trip: one 64-byte line bounced between two processes (a counter, each side waits for
 *                          the other's value, then writes the next one);
 *   ring round trip:       a message of SIZE bytes copied into a shared single-producer single-consumer ring
 *                          and echoed back through a second ring;
 *   ring streaming:        messages of SIZE bytes copied into the ring by one process and out by the other.
 *
 * Usage: limit SECONDS REPEATS SIZE...   prints one JSON object on stdout; each figure is the best of
 *        REPEATS runs of SECONDS (the lowest p50, the highest rate): the limit is what the machine can do.
 * Built at run time by bin/bench with the system cc (cc -O2 -std=gnu11); never committed as a binary.
 */
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LINE 128
#define RING_BYTES (8u << 20)
#define MAX_SAMPLES (4u << 20)

/*
 * A single-producer single-consumer ring of fixed slots, the lightest there is: the first word of a slot is
 * its length, 0 while empty, so the length is the "ready" flag (as in Agrona's record header) and no shared
 * head or tail counter is touched per message. Each side keeps its own index.
 */
typedef struct
{
    _Alignas(LINE) uint32_t slot_bytes;
    uint32_t slots;
} ring_t;

#define SLOT_HEADER 8
#define RT_SLOTS 16u      /* ping-pong has one message in flight */
#ifndef STREAM_SLOTS
#define STREAM_SLOTS 1024u
#endif
typedef struct
{
    _Alignas(LINE) _Atomic uint64_t line;  /* the bounced cache line */
    _Alignas(LINE) _Atomic int stop;
    _Alignas(LINE) _Atomic uint64_t mode;  /* what the child does next */
    _Alignas(LINE) _Atomic uint64_t mode_ack;
    _Alignas(LINE) _Atomic uint64_t mode_done; /* the child left the loop of this mode */
} control_t;

static inline uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

static unsigned char *slot_at(ring_t *r, uint64_t i)
{
    return (unsigned char *)r + sizeof(ring_t) + (size_t)(i % r->slots) * r->slot_bytes;
}

/* ring of at most max_slots slots of SIZE bytes each within RING_BYTES: few slots stay hot in the caches */
static void ring_init(ring_t *r, uint32_t size, uint32_t max_slots)
{
    uint32_t slot = (size + SLOT_HEADER + LINE - 1) / LINE * LINE;
    r->slot_bytes = slot;
    r->slots = RING_BYTES / slot < max_slots ? RING_BYTES / slot : max_slots;
    for (uint32_t i = 0; i < r->slots; i++)
    {
        atomic_store((_Atomic uint32_t *)slot_at(r, i), 0);
    }
}

/* producer: wait for the slot to be free, copy, then publish the length with a release store */
static void ring_send(ring_t *r, const unsigned char *msg, uint32_t len, uint64_t *index)
{
    unsigned char *slot = slot_at(r, *index);
    _Atomic uint32_t *length = (_Atomic uint32_t *)slot;
    while (atomic_load_explicit(length, memory_order_acquire) != 0)
    {
        cpu_relax();
    }
    memcpy(slot + SLOT_HEADER, msg, len);
    atomic_store_explicit(length, len, memory_order_release);
    (*index)++;
}

/* consumer: acquire the length, copy out, free the slot with a release store; 0 when told to stop */
static uint32_t ring_receive(ring_t *r, unsigned char *dst, uint64_t *index, control_t *c)
{
    unsigned char *slot = slot_at(r, *index);
    _Atomic uint32_t *length = (_Atomic uint32_t *)slot;
    uint32_t len;
    while ((len = atomic_load_explicit(length, memory_order_acquire)) == 0)
    {
        if (atomic_load_explicit(&c->stop, memory_order_relaxed))
        {
            return 0;
        }
        cpu_relax();
    }
    memcpy(dst, slot + SLOT_HEADER, len);
    atomic_store_explicit(length, 0, memory_order_release);
    (*index)++;
    return len;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct
{
    size_t n;
    uint64_t p50, p90, p99, p999;
} pct_t;

static pct_t percentiles(uint64_t *s, size_t n)
{
    pct_t p;
    if (n > MAX_SAMPLES)
    {
        n = MAX_SAMPLES;
    }
    qsort(s, n, sizeof(uint64_t), cmp_u64);
    p.n = n;
    p.p50 = s[n * 50 / 100];
    p.p90 = s[n * 90 / 100];
    p.p99 = s[n * 99 / 100];
    p.p999 = s[n * 999 / 1000];
    return p;
}

static void print_pct(pct_t p)
{
    printf("{\"samples\": %zu, \"p50\": %llu, \"p90\": %llu, \"p99\": %llu, \"p999\": %llu}", p.n,
        (unsigned long long)p.p50, (unsigned long long)p.p90, (unsigned long long)p.p99, (unsigned long long)p.p999);
}

enum { MODE_LINE = 1, MODE_ECHO = 2, MODE_SINK = 3, MODE_EXIT = 4 };

static void child(control_t *c, ring_t *to_child, ring_t *to_parent, unsigned char *buf)
{
    uint64_t seen_mode = 0;
    for (;;)
    {
        uint64_t mode;
        while ((mode = atomic_load_explicit(&c->mode, memory_order_acquire)) == seen_mode)
        {
            cpu_relax();
        }
        seen_mode = mode;
        uint64_t kind = mode & 0xff;
        atomic_store_explicit(&c->mode_ack, mode, memory_order_release);
        if (kind == MODE_EXIT)
        {
            _exit(0);
        }
        if (kind == MODE_LINE)
        {
            for (;;)
            {
                uint64_t v = atomic_load_explicit(&c->line, memory_order_acquire);
                if (v & 1)
                {
                    atomic_store_explicit(&c->line, v + 1, memory_order_release);
                }
                else if (atomic_load_explicit(&c->stop, memory_order_relaxed))
                {
                    break;
                }
                cpu_relax();
            }
        }
        else
        {
            uint64_t in_index = 0, out_index = 0;
            uint32_t len;
            while ((len = ring_receive(to_child, buf, &in_index, c)) != 0)
            {
                if (kind == MODE_ECHO)
                {
                    ring_send(to_parent, buf, len, &out_index);
                }
            }
        }
        atomic_store_explicit(&c->mode_done, mode, memory_order_release);
    }
}

static uint64_t mode_seq = 0;

/* tell the child to leave its loop and wait until it has, so the rings can be reset safely */
static void finish_mode(control_t *c)
{
    atomic_store(&c->stop, 1);
    while (atomic_load_explicit(&c->mode_done, memory_order_acquire) != atomic_load(&c->mode))
    {
        cpu_relax();
    }
}

static void set_mode(control_t *c, uint64_t kind)
{
    mode_seq += 0x100;
    uint64_t mode = mode_seq | kind;
    atomic_store_explicit(&c->mode, mode, memory_order_release);
    while (atomic_load_explicit(&c->mode_ack, memory_order_acquire) != mode)
    {
        cpu_relax();
    }
}

static uint64_t *samples;
static unsigned char *msg;
static unsigned char *buf;

static pct_t measure_line(control_t *c, uint64_t run_ns)
{
    atomic_store(&c->stop, 0);
    atomic_store(&c->line, 0);
    set_mode(c, MODE_LINE);
    size_t n = 0;
    uint64_t v = 0;
    const uint64_t end = now_ns() + run_ns;
    uint64_t t0 = now_ns();
    while (t0 < end)
    {
        atomic_store_explicit(&c->line, v + 1, memory_order_release);
        while (atomic_load_explicit(&c->line, memory_order_acquire) != v + 2)
        {
            cpu_relax();
        }
        v += 2;
        const uint64_t t1 = now_ns();
        samples[n++ % MAX_SAMPLES] = t1 - t0;
        t0 = t1;
    }
    finish_mode(c);
    return percentiles(samples, n);
}

static pct_t measure_ring_round_trip(control_t *c, ring_t *to_child, ring_t *to_parent, uint32_t size, uint64_t run_ns)
{
    ring_init(to_child, size, RT_SLOTS);
    ring_init(to_parent, size, RT_SLOTS);
    atomic_store(&c->stop, 0);
    set_mode(c, MODE_ECHO);
    uint64_t out_index = 0, in_index = 0;
    size_t n = 0;
    const uint64_t end = now_ns() + run_ns;
    uint64_t t0 = now_ns();
    while (t0 < end)
    {
        ring_send(to_child, msg, size, &out_index);
        ring_receive(to_parent, buf, &in_index, c);
        const uint64_t t1 = now_ns();
        samples[n++ % MAX_SAMPLES] = t1 - t0;
        t0 = t1;
    }
    finish_mode(c);
    return percentiles(samples, n);
}

/* streaming: count what the consumer took in; returns messages per second */
static double measure_stream(control_t *c, ring_t *to_child, uint32_t size, uint64_t run_ns)
{
    ring_init(to_child, size, STREAM_SLOTS);
    atomic_store(&c->stop, 0);
    set_mode(c, MODE_SINK);
    uint64_t sent = 0;
    const uint64_t start = now_ns();
    const uint64_t end = start + run_ns;
    while ((sent & 1023) != 0 || now_ns() < end)
    {
        ring_send(to_child, msg, size, &sent);
    }
    /* the consumer frees slots in order: the last slot empty means every message was taken */
    _Atomic uint32_t *last = (_Atomic uint32_t *)slot_at(to_child, sent - 1);
    while (atomic_load_explicit(last, memory_order_acquire) != 0)
    {
        cpu_relax();
    }
    const double elapsed = (double)(now_ns() - start) / 1e9;
    finish_mode(c);
    return sent / elapsed;
}

int main(int argc, char **argv)
{
    if (argc < 4)
    {
        fprintf(stderr, "usage: limit SECONDS REPEATS SIZE...\n");
        return 2;
    }
    const double seconds = atof(argv[1]);
    const int repeats = atoi(argv[2]) < 1 ? 1 : atoi(argv[2]);
    const uint64_t run_ns = (uint64_t)(seconds * 1e9);
    for (int a = 3; a < argc; a++)
    {
        const uint32_t size = (uint32_t)atoi(argv[a]);
        if (size < 8 || size > (1u << 20) || RING_BYTES / ((size + SLOT_HEADER + LINE - 1) / LINE * LINE) < 4)
        {
            fprintf(stderr, "limit: size out of range: %u\n", size);
            return 2;
        }
    }
    size_t ring_len = sizeof(ring_t) + RING_BYTES;
    size_t total = sizeof(control_t) + 2 * ring_len;
    unsigned char *mem = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED)
    {
        perror("mmap");
        return 1;
    }
    memset(mem, 0, total);
    control_t *c = (control_t *)mem;
    ring_t *to_child = (ring_t *)(mem + sizeof(control_t));
    ring_t *to_parent = (ring_t *)(mem + sizeof(control_t) + ring_len);
    unsigned char *child_buf = malloc(1 << 20);
    buf = malloc(1 << 20);
    msg = malloc(1 << 20);
    samples = malloc(MAX_SAMPLES * sizeof(uint64_t));
    memset(msg, 7, 1 << 20);

    pid_t pid = fork();
    if (pid < 0)
    {
        perror("fork");
        return 1;
    }
    if (pid == 0)
    {
        child(c, to_child, to_parent, child_buf);
    }

    /* each figure is the best of REPEATS runs: the lowest p50, the highest rate */
    pct_t best = measure_line(c, run_ns);
    for (int r = 1; r < repeats; r++)
    {
        pct_t p = measure_line(c, run_ns);
        best = p.p50 < best.p50 ? p : best;
    }
    printf("{\"seconds\": %.3f, \"repeats\": %d, \"cacheLineRoundTripNs\": ", seconds, repeats);
    print_pct(best);
    printf(", \"sizes\": [");
    for (int a = 3; a < argc; a++)
    {
        const uint32_t size = (uint32_t)atoi(argv[a]);
        pct_t rt = measure_ring_round_trip(c, to_child, to_parent, size, run_ns);
        double rate = measure_stream(c, to_child, size, run_ns);
        for (int r = 1; r < repeats; r++)
        {
            pct_t p = measure_ring_round_trip(c, to_child, to_parent, size, run_ns);
            rt = p.p50 < rt.p50 ? p : rt;
            double q = measure_stream(c, to_child, size, run_ns);
            rate = q > rate ? q : rate;
        }
        printf("%s{\"size\": %u, \"roundTripNs\": ", a == 3 ? "" : ", ", size);
        print_pct(rt);
        printf(", \"msgsPerSec\": %.0f, \"mbPerSec\": %.1f}", rate, rate * size / 1e6);
        fflush(stdout);
    }
    printf("]}\n");
    set_mode(c, MODE_EXIT);
    waitpid(pid, NULL, 0);
    return 0;
}
