/*
 * Copyright © 2026 the mmipc authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
/*
 * The C floor and the C ring: what two processes on the benchmark's two CPUs do with nothing in between -- no
 * JVM, no liveness checks -- measured by bin/bench right beside the JVM trials, on the same CPUs.
 *
 *   C floor:        one 64-byte cache line bounced between the two processes (each waits for the other's value,
 *                   then writes the next one): the latency floor of any round trip between them.
 *   copy bandwidth: memcpy between two buffers of the ring's capacity, in one process: no stream between two
 *                   processes moves more bytes per second than one core copies.
 *   C ring:         a single-producer single-consumer ring of fixed records: the producer owns the tail (its
 *                   own index, never published), the consumer owns the head (published once per poll, on its
 *                   own 128 bytes), and the producer reads the head only when its cached copy says the ring is
 *                   full. A record is made ready by its header word (lap and length), written last with a release
 *                   store: the consumer learns what is ready from the record's own first line, which it reads
 *                   anyway, so it never reads an index the producer keeps writing (a cached tail would be re-read
 *                   after every message whenever the consumer keeps up, one more cache-line transfer per message),
 *                   and it never writes into a record (no per-slot write-back). Same capacity, message sizes,
 *                   message layout and checks as the JVM trials (ipc-bench's MessageDescriptor and Messages): a
 *                   round trip stamps a sequence number into a prepared message, copies it into the ring, the
 *                   child copies it into the return ring, and the parent checks length, kind, sequence and the
 *                   checksum of every byte; a stream has the child fill each message from its sequence number and
 *                   copy it in, and the parent check each one in place (continuity and checksum) and count it,
 *                   polling up to --poll-limit messages at a time. The throughput ceiling of the JVM transports.
 *
 * Usage: cring --cpus A,B [--floor-seconds S] [--copy-seconds S]
 *              [--ring roundTrip|stream --size N --capacity BYTES --warmup-seconds S --seconds S --poll-limit N]
 * The parent (the measuring side, like the benchmark JVM) runs on CPU A, the child on CPU B. Prints one JSON
 * object. A message that fails a check ends the program with exit code 3 and no figure.
 * Built at run time by bin/bench with the system cc (cc -O2 -march=native -std=gnu11, as the JIT compiles for the
 * CPU it runs on); never committed as a binary.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LINE 128
#define MAX_SAMPLES (8u << 20)

/* MessageDescriptor */
#define KIND_OFFSET 0
#define LENGTH_OFFSET 4
#define SEQUENCE_OFFSET 8
#define CHECKSUM_OFFSET 16
#define HEADER_LENGTH 24
#define MIN_LENGTH 32
#define KIND_DATA 1
#define KIND_ECHO 2

/* Messages */
#define SEQUENCE_STEP 0x9E3779B97F4A7C15ull
#define WORD_STEP 0xD1B54A32D192ED03ull

/* a record in the ring: the message length, 4 bytes of padding, the message; records aligned to 8 (as Agrona's) */
#define RECORD_HEADER 8

typedef struct
{
    _Alignas(LINE) _Atomic uint64_t head; /* messages consumed: written by the consumer only (release), once per poll */
    _Alignas(LINE) uint32_t record;       /* bytes per record */
    uint32_t slots;                       /* records in the ring */
} ring_t;

typedef struct
{
    ring_t *ring;
    unsigned char *data;
    uint64_t index;  /* own index: the tail (next to write) for the producer, the head (next to read) for the consumer */
    uint64_t cached; /* the producer's copy of the consumer's head, as last read */
    uint32_t slot;   /* index % slots, kept without a division */
    uint64_t lap;    /* index / slots + 1: the lap written into (or expected in) a record's header */
} side_t;

typedef struct
{
    _Alignas(LINE) _Atomic uint64_t line; /* the bounced cache line */
    _Alignas(LINE) _Atomic int stop;
    _Alignas(LINE) _Atomic uint64_t mode; /* what the child does next */
    _Alignas(LINE) _Atomic uint64_t mode_ack;
    _Alignas(LINE) _Atomic uint64_t mode_done; /* the child left the loop of this mode */
    _Alignas(LINE) _Atomic int child_cpu;
} control_t;

enum { MODE_LINE = 1, MODE_ECHO = 2, MODE_PRODUCE = 3, MODE_EXIT = 4 };

static pid_t child_pid = 0;

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

static void fail(int code, const char *what)
{
    fprintf(stderr, "cring: %s\n", what);
    if (child_pid > 0)
    {
        kill(child_pid, SIGKILL);
        waitpid(child_pid, NULL, 0);
    }
    exit(code);
}

/* the parent's waits call this now and then: a child that died (pinning refused, killed) ends the run, never a hang */
static inline void check_child(uint64_t *spins)
{
    if ((++*spins & ((1u << 20) - 1)) == 0 && child_pid > 0)
    {
        int status;
        if (waitpid(child_pid, &status, WNOHANG) == child_pid)
        {
            child_pid = 0;
            fail(1, "child died: the other side of the measurement is gone");
        }
    }
}

static inline uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static inline uint64_t load64(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

static inline uint64_t mix(uint32_t kind, uint32_t length, uint64_t sequence)
{
    return (sequence * SEQUENCE_STEP) ^ (((uint64_t)length << 32) | kind);
}

/* the bytes from `from` to `end` (fewer than 8) as a little-endian word, zero-padded (Messages.tail) */
static inline uint64_t tail_word(const unsigned char *m, uint32_t from, uint32_t end)
{
    uint64_t w = 0;
    for (uint32_t i = end; i-- > from;)
    {
        w = (w << 8) | m[i];
    }
    return w;
}

/* Fletcher's sums over the payload's 64-bit words, folded; a last partial word zero-padded (Messages.payloadSum) */
static inline uint64_t payload_sum(const unsigned char *m, uint32_t length)
{
    uint64_t a = 0, b = 0;
    const uint32_t words_end = HEADER_LENGTH + ((length - HEADER_LENGTH) & ~7u);
    for (uint32_t i = HEADER_LENGTH; i < words_end; i += 8)
    {
        a += load64(m + i);
        b += a;
    }
    if (words_end < length)
    {
        a += tail_word(m, words_end, length);
        b += a;
    }
    return a ^ rotl(b, 32);
}

static void stamp(unsigned char *m, uint32_t length, uint32_t kind, uint64_t sequence, uint64_t sum)
{
    const uint64_t checksum = sum ^ mix(kind, length, sequence);
    memcpy(m + KIND_OFFSET, &kind, 4);
    memcpy(m + LENGTH_OFFSET, &length, 4);
    memcpy(m + SEQUENCE_OFFSET, &sequence, 8);
    memcpy(m + CHECKSUM_OFFSET, &checksum, 8);
}

/* a whole message whose payload is derived from its sequence number (Messages.fill) */
static inline void fill(unsigned char *m, uint32_t length, uint32_t kind, uint64_t sequence)
{
    uint64_t word = sequence * SEQUENCE_STEP, a = 0, b = 0;
    const uint32_t words = (length - HEADER_LENGTH) >> 3;
    uint32_t offset = HEADER_LENGTH;
    for (uint32_t i = 0; i < words; i++)
    {
        word += WORD_STEP;
        memcpy(m + offset, &word, 8);
        a += word;
        b += a;
        offset += 8;
    }
    for (uint32_t i = offset; i < length; i++)
    {
        m[i] = (unsigned char)(sequence + i);
    }
    if (offset < length)
    {
        a += tail_word(m, offset, length);
        b += a;
    }
    stamp(m, length, kind, sequence, a ^ rotl(b, 32));
}

/* reports a failed check and ends the run: out of line, so the checks themselves stay small */
__attribute__((noinline, cold)) static void check_failed(
    const char *check_name, uint32_t length, uint32_t delivered, uint32_t header_length, uint32_t kind, uint32_t header_kind,
    uint64_t expected, uint64_t sequence)
{
    char what[256];
    if (!strcmp(check_name, "length"))
    {
        snprintf(what, sizeof what, "delivery check failed: check=length, expected=%u, received=%u, header=%u",
            length, delivered, header_length);
    }
    else if (!strcmp(check_name, "kind"))
    {
        snprintf(what, sizeof what, "delivery check failed: check=kind, expected=%u, actual=%u", kind, header_kind);
    }
    else if (!strcmp(check_name, "sequence"))
    {
        snprintf(what, sizeof what, "delivery check failed: check=sequence, expected=%llu, actual=%llu",
            (unsigned long long)expected, (unsigned long long)sequence);
    }
    else
    {
        snprintf(what, sizeof what, "delivery check failed: check=checksum, sequence=%llu", (unsigned long long)sequence);
    }
    fail(3, what);
}

/* DeliveryCheck: length, kind, the expected sequence, the checksum of every byte */
static inline void check(const unsigned char *m, uint32_t delivered, uint32_t length, uint32_t kind, uint64_t expected)
{
    uint32_t header_length, header_kind;
    uint64_t sequence, checksum;
    memcpy(&header_length, m + LENGTH_OFFSET, 4);
    memcpy(&header_kind, m + KIND_OFFSET, 4);
    memcpy(&sequence, m + SEQUENCE_OFFSET, 8);
    memcpy(&checksum, m + CHECKSUM_OFFSET, 8);
    if (delivered != length || header_length != length)
    {
        check_failed("length", length, delivered, header_length, kind, header_kind, expected, sequence);
    }
    if (header_kind != kind)
    {
        check_failed("kind", length, delivered, header_length, kind, header_kind, expected, sequence);
    }
    if (sequence != expected)
    {
        check_failed("sequence", length, delivered, header_length, kind, header_kind, expected, sequence);
    }
    if ((payload_sum(m, length) ^ mix(kind, length, sequence)) != checksum)
    {
        check_failed("checksum", length, delivered, header_length, kind, header_kind, expected, sequence);
    }
}

static inline unsigned char *record_at(side_t *s)
{
    return s->data + (size_t)s->slot * s->ring->record;
}

static inline void advance(side_t *s)
{
    s->index++;
    if (++s->slot == s->ring->slots)
    {
        s->slot = 0;
        s->lap++;
    }
}

static void side_init(side_t *s, ring_t *r)
{
    s->ring = r;
    s->data = (unsigned char *)r + sizeof(ring_t);
    s->index = 0;
    s->cached = 0;
    s->slot = 0;
    s->lap = 1;
}

/*
 * A record: one 64-bit header word, (lap << 32) | length, then the message. Zeroed memory is lap 0: nothing. The
 * producer writes the message, then the header word with a release store; the consumer loads the header word of
 * its next record with acquire and takes the record when it carries the lap it expects. So readiness travels in
 * the record's own first cache line, which the consumer reads anyway: the consumer never reads an index the
 * producer keeps writing, and never writes into a record (no per-slot write-back). Laps only grow, so a record
 * of the previous lap is never taken for a new one.
 */
static inline uint64_t header(uint64_t lap, uint32_t length)
{
    return (lap << 32) | length;
}

/* producer: room when fewer than `slots` messages are unconsumed; reads the head only when the cached copy says full */
static inline int ring_send(side_t *p, const unsigned char *msg, uint32_t length, control_t *c)
{
    if (p->index - p->cached >= p->ring->slots)
    {
        while (p->index - (p->cached = atomic_load_explicit(&p->ring->head, memory_order_acquire)) >= p->ring->slots)
        {
            /* acquire: pairs with the consumer's release of the head, so its reads of those records are done */
            if (atomic_load_explicit(&c->stop, memory_order_relaxed))
            {
                return 0;
            }
            cpu_relax();
        }
    }
    unsigned char *rec = record_at(p);
    memcpy(rec + RECORD_HEADER, msg, length);
    /* release: the message bytes before the header word that makes the record ready */
    atomic_store_explicit((_Atomic uint64_t *)rec, header(p->lap, length), memory_order_release);
    advance(p);
    return 1;
}

typedef void (*handler_t)(unsigned char *msg, uint32_t length, void *arg);

/* consumer: up to `limit` ready records handed to `handler` in place, then the head published once */
__attribute__((always_inline)) static inline uint32_t ring_poll(side_t *q, uint32_t limit, handler_t handler, void *arg)
{
    uint32_t n = 0;
    while (n < limit)
    {
        unsigned char *rec = record_at(q);
        /* acquire: pairs with the producer's release of the header word, so the message bytes are visible */
        const uint64_t word = atomic_load_explicit((_Atomic uint64_t *)rec, memory_order_acquire);
        if ((word >> 32) != q->lap)
        {
            break;
        }
        handler(rec + RECORD_HEADER, (uint32_t)word, arg);
        advance(q);
        n++;
    }
    if (n > 0)
    {
        atomic_store_explicit(&q->ring->head, q->index, memory_order_release); /* release: done with those records */
    }
    return n;
}

typedef struct
{
    side_t *out;
    control_t *c;
} echo_arg_t;

static inline void echo_handler(unsigned char *msg, uint32_t length, void *arg)
{
    echo_arg_t *e = arg;
    ring_send(e->out, msg, length, e->c);
}

typedef struct
{
    uint32_t length;
    uint32_t kind;
    uint64_t expected;
} check_arg_t;

static inline void check_handler(unsigned char *msg, uint32_t length, void *arg)
{
    check_arg_t *k = arg;
    check(msg, length, k->length, k->kind, k->expected);
    k->expected++;
}

static void pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0)
    {
        char what[128];
        snprintf(what, sizeof what, "affinity not set: cpu=%d", cpu);
        fail(1, what);
    }
}

static void child(control_t *c, ring_t *to_child, ring_t *to_parent, uint32_t size, uint32_t poll_limit, int cpu)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    pin(cpu);
    atomic_store(&c->child_cpu, sched_getcpu());
    unsigned char *msg = malloc(size < MIN_LENGTH ? MIN_LENGTH : size);
    uint64_t seen_mode = 0;
    for (;;)
    {
        uint64_t mode;
        /* acquire: pairs with set_mode's release, so the rings the parent reset are seen reset */
        while ((mode = atomic_load_explicit(&c->mode, memory_order_acquire)) == seen_mode)
        {
            cpu_relax();
        }
        seen_mode = mode;
        const uint64_t kind = mode & 0xff;
        atomic_store_explicit(&c->mode_ack, mode, memory_order_release); /* release: the child has left the old mode */
        if (kind == MODE_EXIT)
        {
            _exit(0);
        }
        if (kind == MODE_LINE)
        {
            for (;;)
            {
                const uint64_t v = atomic_load_explicit(&c->line, memory_order_acquire); /* the parent's odd value */
                if (v & 1)
                {
                    atomic_store_explicit(&c->line, v + 1, memory_order_release); /* answered: even */
                }
                else if (atomic_load_explicit(&c->stop, memory_order_relaxed))
                {
                    break;
                }
                cpu_relax();
            }
        }
        else if (kind == MODE_ECHO)
        {
            side_t in, out;
            side_init(&in, to_child);
            side_init(&out, to_parent);
            echo_arg_t e = { &out, c };
            while (!atomic_load_explicit(&c->stop, memory_order_relaxed)) /* relaxed: a flag, it orders nothing */
            {
                if (ring_poll(&in, poll_limit, echo_handler, &e) == 0)
                {
                    cpu_relax();
                }
            }
        }
        else if (kind == MODE_PRODUCE)
        {
            side_t out;
            side_init(&out, to_child);
            uint64_t sequence = 0;
            for (;;)
            {
                fill(msg, size, KIND_DATA, ++sequence);
                if (!ring_send(&out, msg, size, c) ||
                    ((sequence & 1023) == 0 && atomic_load_explicit(&c->stop, memory_order_relaxed)))
                {
                    break;
                }
            }
        }
        atomic_store_explicit(&c->mode_done, mode, memory_order_release); /* release: done with the rings */
    }
}

static uint64_t mode_seq = 0;

static void set_mode(control_t *c, uint64_t kind)
{
    mode_seq += 0x100;
    const uint64_t mode = mode_seq | kind;
    uint64_t spins = 0;
    atomic_store(&c->stop, 0); /* sequentially consistent, before the mode: the child never sees a stale stop */
    atomic_store_explicit(&c->mode, mode, memory_order_release); /* release: rings and stop before the mode */
    while (atomic_load_explicit(&c->mode_ack, memory_order_acquire) != mode) /* acquire: pairs with the ack */
    {
        check_child(&spins);
        cpu_relax();
    }
}

/* tell the child to leave its loop and wait until it has, so the rings can be reset safely */
static void finish_mode(control_t *c)
{
    uint64_t spins = 0;
    atomic_store(&c->stop, 1); /* sequentially consistent: seen by the child's relaxed polls */
    /* acquire: pairs with the child's release of mode_done, after which the rings are the parent's to reset */
    while (atomic_load_explicit(&c->mode_done, memory_order_acquire) != atomic_load(&c->mode))
    {
        check_child(&spins);
        cpu_relax();
    }
}

static int cmp_u64(const void *a, const void *b)
{
    const uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void print_percentiles(uint64_t *s, size_t n)
{
    if (n > MAX_SAMPLES)
    {
        n = MAX_SAMPLES;
    }
    if (n == 0)
    {
        fail(1, "no samples");
    }
    qsort(s, n, sizeof(uint64_t), cmp_u64);
    printf("\"samples\": %zu, \"p50\": %llu, \"p90\": %llu, \"p99\": %llu, \"p999\": %llu", n,
        (unsigned long long)s[n * 50 / 100], (unsigned long long)s[n * 90 / 100], (unsigned long long)s[n * 99 / 100],
        (unsigned long long)s[n * 999 / 1000]);
}

static uint64_t *samples;

static void measure_floor(control_t *c, double seconds)
{
    atomic_store(&c->line, 0);
    set_mode(c, MODE_LINE);
    size_t n = 0;
    uint64_t v = 0;
    const uint64_t end = now_ns() + (uint64_t)(seconds * 1e9);
    uint64_t t0 = now_ns();
    while (t0 < end)
    {
        atomic_store_explicit(&c->line, v + 1, memory_order_release); /* odd: the child's turn */
        uint64_t spins = 0;
        while (atomic_load_explicit(&c->line, memory_order_acquire) != v + 2) /* the child's answer */
        {
            check_child(&spins);
            cpu_relax();
        }
        v += 2;
        const uint64_t t1 = now_ns();
        samples[n++ % MAX_SAMPLES] = t1 - t0;
        t0 = t1;
    }
    finish_mode(c);
    printf("\"floor\": {\"seconds\": %.3f, ", seconds);
    print_percentiles(samples, n);
    printf("}");
}

static void measure_copy(uint32_t capacity, double seconds)
{
    unsigned char *src = malloc(capacity), *dst = malloc(capacity);
    memset(src, 1, capacity);
    memcpy(dst, src, capacity);
    uint64_t bytes = 0;
    const uint64_t start = now_ns(), end = start + (uint64_t)(seconds * 1e9);
    uint64_t t = start;
    while (t < end)
    {
        memcpy(dst, src, capacity);
        __asm__ __volatile__("" : : "r"(dst) : "memory");
        bytes += capacity;
        t = now_ns();
    }
    printf("\"copyMBps\": %.1f, \"copyBlockBytes\": %u", bytes / ((double)(t - start) / 1e3), capacity);
    free(src);
    free(dst);
}

static void ring_init(ring_t *r, uint32_t size, uint32_t capacity)
{
    r->record = (size + RECORD_HEADER + 7) & ~7u;
    r->slots = capacity / r->record;
    memset((unsigned char *)r + sizeof(ring_t), 0, (size_t)r->slots * r->record); /* lap 0 everywhere: empty */
    atomic_store(&r->head, 0);
}

static void print_ring(const char *benchmark, ring_t *r, uint32_t size, uint32_t capacity, uint32_t poll_limit)
{
    printf("\"ring\": {\"benchmark\": \"%s\", \"size\": %u, \"capacityBytes\": %u, \"recordBytes\": %u, "
        "\"capacityMessages\": %u, \"pollLimit\": %u, ", benchmark, size, capacity, r->record, r->slots, poll_limit);
}

static void measure_round_trip(control_t *c, ring_t *to_child, ring_t *to_parent, uint32_t size, uint32_t capacity,
    uint32_t poll_limit, double warmup, double seconds)
{
    ring_init(to_child, size, capacity);
    ring_init(to_parent, size, capacity);
    set_mode(c, MODE_ECHO);
    side_t out, in;
    side_init(&out, to_child);
    side_init(&in, to_parent);
    unsigned char *msg = malloc(size);
    fill(msg, size, KIND_ECHO, 0);
    const uint64_t sum = payload_sum(msg, size);
    check_arg_t k = { size, KIND_ECHO, 1 };
    uint64_t sequence = 0;
    size_t n = 0;
    const uint64_t start = now_ns(), measure = start + (uint64_t)(warmup * 1e9), end = measure + (uint64_t)(seconds * 1e9);
    uint64_t t0 = now_ns();
    while (t0 < end || (n == 0 && t0 < end + 10000000000ull)) /* at least one sample, though the CPU was taken away */
    {
        stamp(msg, size, KIND_ECHO, ++sequence, sum);
        ring_send(&out, msg, size, c);
        uint64_t spins = 0;
        while (ring_poll(&in, 1, check_handler, &k) == 0)
        {
            check_child(&spins);
            cpu_relax();
        }
        const uint64_t t1 = now_ns();
        if (t0 >= measure)
        {
            samples[n++ % MAX_SAMPLES] = t1 - t0;
        }
        t0 = t1;
    }
    finish_mode(c);
    print_ring("roundTrip", to_child, size, capacity, poll_limit);
    printf("\"seconds\": %.3f, \"delivered\": %llu, ", seconds, (unsigned long long)sequence);
    print_percentiles(samples, n);
    printf("}");
    free(msg);
}

static void measure_stream(control_t *c, ring_t *to_child, uint32_t size, uint32_t capacity, uint32_t poll_limit,
    double warmup, double seconds)
{
    ring_init(to_child, size, capacity);
    set_mode(c, MODE_PRODUCE);
    side_t in;
    side_init(&in, to_child);
    check_arg_t k = { size, KIND_DATA, 1 };
    const uint64_t start = now_ns(), measure = start + (uint64_t)(warmup * 1e9), end = measure + (uint64_t)(seconds * 1e9);
    uint64_t spins = 0;
    while (now_ns() < measure)
    {
        if (ring_poll(&in, poll_limit, check_handler, &k) == 0)
        {
            check_child(&spins);
            cpu_relax();
        }
    }
    const uint64_t first = k.expected;
    const uint64_t t0 = now_ns();
    uint64_t t1 = t0;
    uint32_t polls = 0;
    while (t1 < end)
    {
        if (ring_poll(&in, poll_limit, check_handler, &k) == 0)
        {
            check_child(&spins);
            cpu_relax();
        }
        if ((++polls & 63) == 0)
        {
            t1 = now_ns();
        }
    }
    t1 = now_ns();
    const uint64_t messages = k.expected - first;
    finish_mode(c);
    const double elapsed = (double)(t1 - t0) / 1e9;
    print_ring("stream", to_child, size, capacity, poll_limit);
    printf("\"seconds\": %.3f, \"delivered\": %llu, \"messages\": %llu, \"msgsPerSec\": %.0f, \"mbPerSec\": %.1f}",
        elapsed, (unsigned long long)(k.expected - 1), (unsigned long long)messages, messages / elapsed,
        messages * (double)size / elapsed / 1e6);
}

static void usage(const char *what)
{
    fprintf(stderr, "cring: %s\nusage: cring --cpus A,B [--floor-seconds S] [--copy-seconds S] "
        "[--ring roundTrip|stream --size N --capacity BYTES --warmup-seconds S --seconds S --poll-limit N]\n", what);
    exit(2);
}

static char message[256];

int main(int argc, char **argv)
{
    int cpu_a = -1, cpu_b = -1;
    double floor_seconds = 0, copy_seconds = 0, warmup = 0.2, seconds = 1;
    const char *ring = NULL;
    long size = 0, capacity = 4 << 20, poll_limit = 64;
    for (int i = 1; i < argc; i++)
    {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (v == NULL)
        {
            snprintf(message, sizeof message, "option needs a value: option=%s", a);
            usage(message);
        }
        i++;
        if (!strcmp(a, "--cpus"))
        {
            char end = 0;
            if (sscanf(v, "%d,%d%c", &cpu_a, &cpu_b, &end) != 2 || cpu_a < 0 || cpu_b < 0 || cpu_a >= CPU_SETSIZE ||
                cpu_b >= CPU_SETSIZE)
            {
                snprintf(message, sizeof message, "cpus invalid: cpus=%s, expected=A,B", v);
                usage(message);
            }
        }
        else if (!strcmp(a, "--floor-seconds")) floor_seconds = atof(v);
        else if (!strcmp(a, "--copy-seconds")) copy_seconds = atof(v);
        else if (!strcmp(a, "--ring")) ring = v;
        else if (!strcmp(a, "--size")) size = atol(v);
        else if (!strcmp(a, "--capacity")) capacity = atol(v);
        else if (!strcmp(a, "--warmup-seconds")) warmup = atof(v);
        else if (!strcmp(a, "--seconds")) seconds = atof(v);
        else if (!strcmp(a, "--poll-limit")) poll_limit = atol(v);
        else
        {
            snprintf(message, sizeof message, "unknown argument: arg=%s", a);
            usage(message);
        }
    }
    if (cpu_a < 0)
    {
        usage("cpus missing: expected=--cpus A,B");
    }
    if (ring != NULL && strcmp(ring, "roundTrip") && strcmp(ring, "stream"))
    {
        snprintf(message, sizeof message, "ring invalid: ring=%s, expected=roundTrip or stream", ring);
        usage(message);
    }
    if (capacity < 4096 || capacity > (1l << 30))
    {
        snprintf(message, sizeof message, "capacity out of range: capacity=%ld, min=4096, max=%ld", capacity, 1l << 30);
        usage(message);
    }
    if (poll_limit < 1 || poll_limit > (1l << 20))
    {
        snprintf(message, sizeof message, "poll limit out of range: poll-limit=%ld, min=1, max=%ld", poll_limit, 1l << 20);
        usage(message);
    }
    if (!(floor_seconds >= 0 && floor_seconds <= 3600 && copy_seconds >= 0 && copy_seconds <= 3600 && warmup >= 0 &&
        warmup <= 3600 && seconds > 0 && seconds <= 3600))
    {
        usage("seconds out of range: each between 0 and 3600, --seconds above 0");
    }
    const long max_size = capacity / 2 - RECORD_HEADER;
    if (ring != NULL && (size < MIN_LENGTH || size > max_size))
    {
        snprintf(message, sizeof message, "size out of range: size=%ld, min=%d, max=%ld", size, MIN_LENGTH, max_size);
        usage(message);
    }
    const size_t ring_len = sizeof(ring_t) + (size_t)capacity;
    const size_t total = sizeof(control_t) + 2 * ring_len;
    unsigned char *mem = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED)
    {
        fail(1, "mmap failed");
    }
    memset(mem, 0, total);
    control_t *c = (control_t *)mem;
    ring_t *to_child = (ring_t *)(mem + sizeof(control_t));
    ring_t *to_parent = (ring_t *)(mem + sizeof(control_t) + ring_len);
    samples = malloc(MAX_SAMPLES * sizeof(uint64_t));
    atomic_store(&c->child_cpu, -1);
    pin(cpu_b); /* the child's CPU, tried here first so that a refusal is reported before there is a child */
    pin(cpu_a);
    child_pid = fork();
    if (child_pid < 0)
    {
        fail(1, "fork failed");
    }
    if (child_pid == 0)
    {
        child(c, to_child, to_parent, (uint32_t)size, (uint32_t)poll_limit, cpu_b);
    }
    set_mode(c, MODE_LINE); /* the child has pinned itself once it answers */
    finish_mode(c);
    printf("{\"cpus\": \"%d,%d\", \"parentCpu\": %d, \"childCpu\": %d", cpu_a, cpu_b, sched_getcpu(), atomic_load(&c->child_cpu));
    if (floor_seconds > 0)
    {
        printf(", ");
        measure_floor(c, floor_seconds);
    }
    if (copy_seconds > 0)
    {
        printf(", ");
        measure_copy((uint32_t)capacity, copy_seconds);
    }
    if (ring != NULL && !strcmp(ring, "roundTrip"))
    {
        printf(", ");
        measure_round_trip(c, to_child, to_parent, (uint32_t)size, (uint32_t)capacity, (uint32_t)poll_limit, warmup, seconds);
    }
    else if (ring != NULL)
    {
        printf(", ");
        measure_stream(c, to_child, (uint32_t)size, (uint32_t)capacity, (uint32_t)poll_limit, warmup, seconds);
    }
    printf("}\n");
    fflush(stdout);
    set_mode(c, MODE_EXIT);
    waitpid(child_pid, NULL, 0);
    return 0;
}
