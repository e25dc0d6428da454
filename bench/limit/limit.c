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
 * Usage: limit SECONDS SIZE...      prints one JSON object on stdout.
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

typedef struct
{
    _Alignas(LINE) _Atomic uint64_t head;  /* messages written, producer's line */
    _Alignas(LINE) _Atomic uint64_t tail;  /* messages read, consumer's line */
    _Alignas(LINE) uint32_t slot_bytes;
    uint32_t slots;
} ring_t;

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

static void ring_init(ring_t *r, uint32_t size)
{
    uint32_t slot = (size + 4 + LINE - 1) / LINE * LINE;
    atomic_store(&r->head, 0);
    atomic_store(&r->tail, 0);
    r->slot_bytes = slot;
    r->slots = RING_BYTES / slot;
}

/* producer: copy, then publish with a release store of head */
static void ring_send(ring_t *r, const unsigned char *msg, uint32_t len, uint64_t *cached_tail)
{
    uint64_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    while (head - *cached_tail >= r->slots)
    {
        *cached_tail = atomic_load_explicit(&r->tail, memory_order_acquire);
        cpu_relax();
    }
    unsigned char *slot = slot_at(r, head);
    memcpy(slot, &len, 4);
    memcpy(slot + 4, msg, len);
    atomic_store_explicit(&r->head, head + 1, memory_order_release);
}

/* consumer: acquire head, copy out, release tail; returns the length or 0 when told to stop */
static uint32_t ring_receive(ring_t *r, unsigned char *dst, uint64_t *cached_head, control_t *c)
{
    uint64_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    while (tail >= *cached_head)
    {
        *cached_head = atomic_load_explicit(&r->head, memory_order_acquire);
        if (tail >= *cached_head)
        {
            if (atomic_load_explicit(&c->stop, memory_order_relaxed))
            {
                return 0;
            }
            cpu_relax();
        }
    }
    uint32_t len;
    unsigned char *slot = slot_at(r, tail);
    memcpy(&len, slot, 4);
    memcpy(dst, slot + 4, len);
    atomic_store_explicit(&r->tail, tail + 1, memory_order_release);
    return len;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void print_percentiles(uint64_t *s, size_t n)
{
    qsort(s, n, sizeof(uint64_t), cmp_u64);
    printf("{\"samples\": %zu, \"p50\": %llu, \"p90\": %llu, \"p99\": %llu, \"p999\": %llu}", n,
        (unsigned long long)s[n * 50 / 100], (unsigned long long)s[n * 90 / 100],
        (unsigned long long)s[n * 99 / 100], (unsigned long long)s[n * 999 / 1000]);
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
            uint64_t cached_head = 0, cached_tail = 0;
            uint32_t len;
            while ((len = ring_receive(to_child, buf, &cached_head, c)) != 0)
            {
                if (kind == MODE_ECHO)
                {
                    ring_send(to_parent, buf, len, &cached_tail);
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

int main(int argc, char **argv)
{
    if (argc < 3)
    {
        fprintf(stderr, "usage: limit SECONDS SIZE...\n");
        return 2;
    }
    const double seconds = atof(argv[1]);
    const uint64_t run_ns = (uint64_t)(seconds * 1e9);
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
    unsigned char *buf = malloc(1 << 20);
    unsigned char *msg = malloc(1 << 20);
    uint64_t *samples = malloc(MAX_SAMPLES * sizeof(uint64_t));
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

    printf("{\"seconds\": %.3f, \"cacheLineRoundTripNs\": ", seconds);
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
        print_percentiles(samples, n < MAX_SAMPLES ? n : MAX_SAMPLES);
    }
    printf(", \"sizes\": [");
    for (int a = 2; a < argc; a++)
    {
        const uint32_t size = (uint32_t)atoi(argv[a]);
        if (size < 8 || size > (1u << 20) || RING_BYTES / ((size + 4 + LINE - 1) / LINE * LINE) < 4)
        {
            fprintf(stderr, "limit: size out of range: %u\n", size);
            return 2;
        }
        printf("%s{\"size\": %u, \"roundTripNs\": ", a == 2 ? "" : ", ", size);

        /* ring round trip */
        ring_init(to_child, size);
        ring_init(to_parent, size);
        atomic_store(&c->stop, 0);
        set_mode(c, MODE_ECHO);
        {
            uint64_t cached_tail = 0, cached_head = 0;
            size_t n = 0;
            const uint64_t end = now_ns() + run_ns;
            uint64_t t0 = now_ns();
            while (t0 < end)
            {
                ring_send(to_child, msg, size, &cached_tail);
                ring_receive(to_parent, buf, &cached_head, c);
                const uint64_t t1 = now_ns();
                samples[n++ % MAX_SAMPLES] = t1 - t0;
                t0 = t1;
            }
            finish_mode(c);
            print_percentiles(samples, n < MAX_SAMPLES ? n : MAX_SAMPLES);
        }

        /* ring streaming: count what the consumer took in */
        ring_init(to_child, size);
        atomic_store(&c->stop, 0);
        set_mode(c, MODE_SINK);
        {
            uint64_t cached_tail = 0, sent = 0;
            const uint64_t start = now_ns();
            const uint64_t end = start + run_ns;
            while ((sent & 1023) != 0 || now_ns() < end)
            {
                ring_send(to_child, msg, size, &cached_tail);
                sent++;
            }
            while (atomic_load_explicit(&to_child->tail, memory_order_acquire) != sent)
            {
                cpu_relax();
            }
            const double elapsed = (double)(now_ns() - start) / 1e9;
            finish_mode(c);
            printf(", \"msgsPerSec\": %.0f, \"mbPerSec\": %.1f}", sent / elapsed, sent * (double)size / elapsed / 1e6);
        }
    }
    printf("]}\n");
    set_mode(c, MODE_EXIT);
    waitpid(pid, NULL, 0);
    return 0;
}
