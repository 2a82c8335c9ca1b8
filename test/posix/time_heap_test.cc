// The timer queue on its own (no threads): heap order and back-pointers after every
// operation, ties in insertion order, tokens (never 0, stale after reuse, retired entries),
// AXV_ENOMEM at the size limit.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <tuple>
#include <vector>

extern "C" {
#include "timer_heap.h"
}

namespace {

void noop(void *, axv_nanos_t) {}

void *id_arg(uintptr_t id) {
    return reinterpret_cast<void *>(id);
}

// Checks every structural invariant; returns a description of the first broken one, or "".
std::string broken(const axv_posix_timer_heap &h) {
    if (h.heap_len > h.slab_len || h.slab_len > h.slab_cap || h.heap_len > h.heap_cap)
        return "lengths exceed capacities";
    std::vector<bool> in_heap(h.slab_len, false);
    for (uint32_t i = 0; i < h.heap_len; i++) {
        uint32_t slot = h.heap[i];
        if (slot >= h.slab_len)
            return "heap names a slot beyond the slab";
        if (in_heap[slot])
            return "a slot is twice in the heap";
        in_heap[slot] = true;
        const axv_posix_timer &e = h.slab[slot];
        if (e.heap_index != i)
            return "heap_index does not point back at the heap position";
        if (e.generation == 0)
            return "a pending entry has generation 0";
        if (i > 0) {
            const axv_posix_timer &p = h.slab[h.heap[(i - 1) / 2]];
            if (std::tie(p.deadline, p.seq) > std::tie(e.deadline, e.seq))
                return "a parent orders after its child";
        }
    }
    size_t free_count = 0;
    for (uint32_t slot = h.free_head; slot != AXV_POSIX_TIMER_NONE; slot = h.slab[slot].next_free) {
        if (slot >= h.slab_len || in_heap[slot] || ++free_count > h.slab_len)
            return "the free list is broken";
    }
    for (uint32_t slot = 0; slot < h.slab_len; slot++) {
        if (!in_heap[slot] && h.slab[slot].heap_index != AXV_POSIX_TIMER_NONE)
            return "an entry outside the heap has a heap_index";
    }
    return "";
}

class TimerHeap : public ::testing::Test {
  protected:
    void SetUp() override {
        axv_posix_timer_heap_init(&h, 1u << 20);
    }
    void TearDown() override {
        axv_posix_timer_heap_fini(&h);
    }
    axv_timer_token_t insert(axv_nanos_t deadline, uintptr_t id) {
        axv_timer_token_t token = 0;
        EXPECT_EQ(axv_posix_timer_heap_insert(&h, deadline, noop, id_arg(id), &token), AXV_OK);
        EXPECT_NE(token, 0u);
        return token;
    }
    uintptr_t pop() {
        axv_timer_fn fn = nullptr;
        void *arg = nullptr;
        axv_posix_timer_heap_pop(&h, &fn, &arg);
        EXPECT_EQ(fn, noop);
        return reinterpret_cast<uintptr_t>(arg);
    }
    axv_posix_timer_heap h;
};

TEST_F(TimerHeap, EmptyQueueHasNothingToPeek) {
    axv_nanos_t d = 7;
    EXPECT_FALSE(axv_posix_timer_heap_peek(&h, &d));
    EXPECT_EQ(d, 7u);
    EXPECT_EQ(axv_posix_timer_heap_remove(&h, 0), AXV_ENOENT);
    EXPECT_EQ(axv_posix_timer_heap_clear(&h), 0u);
}

// Random inserts, removes (live and stale tokens) and pops, against a model: every pop is
// the model's first by (deadline, insertion), every remove answers as the model says, and
// the structure is intact after every step.
TEST_F(TimerHeap, RandomOperationsMatchAModelAndKeepInvariants) {
    std::mt19937_64 rng(12345);
    std::set<std::pair<axv_nanos_t, uintptr_t>> model; // (deadline, id); ids grow
    std::map<axv_timer_token_t, std::pair<axv_nanos_t, uintptr_t>> live;
    std::map<uintptr_t, axv_timer_token_t> token_of; // of the live timers
    std::vector<axv_timer_token_t> dead;
    uintptr_t next_id = 1;
    for (int step = 0; step < 10000; step++) {
        unsigned op = rng() % 10;
        if (op < 5 || live.empty()) {
            axv_nanos_t deadline = rng() % 64; // few values: many ties
            uintptr_t id = next_id++;
            axv_timer_token_t token = insert(deadline, id);
            ASSERT_EQ(live.count(token), 0u) << "token issued twice while live";
            live[token] = {deadline, id};
            token_of[id] = token;
            model.insert({deadline, id});
        } else if (op < 7) {
            auto it = live.begin();
            std::advance(it, rng() % live.size());
            ASSERT_EQ(axv_posix_timer_heap_remove(&h, it->first), AXV_OK);
            model.erase(it->second);
            token_of.erase(it->second.second);
            dead.push_back(it->first);
            live.erase(it);
        } else if (op < 8 && !dead.empty()) {
            ASSERT_EQ(axv_posix_timer_heap_remove(&h, dead[rng() % dead.size()]), AXV_ENOENT);
        } else {
            axv_nanos_t first = 0;
            ASSERT_TRUE(axv_posix_timer_heap_peek(&h, &first));
            ASSERT_EQ(first, model.begin()->first);
            uintptr_t id = pop();
            ASSERT_EQ(id, model.begin()->second);
            dead.push_back(token_of[id]);
            live.erase(token_of[id]);
            token_of.erase(id);
            model.erase(model.begin());
        }
        ASSERT_EQ(h.heap_len, model.size());
        ASSERT_EQ(broken(h), "") << "after step " << step;
    }
    for (axv_timer_token_t token : dead)
        ASSERT_EQ(axv_posix_timer_heap_remove(&h, token), AXV_ENOENT);
    while (!model.empty()) {
        ASSERT_EQ(pop(), model.begin()->second);
        model.erase(model.begin());
    }
    EXPECT_EQ(broken(h), "");
}

TEST_F(TimerHeap, EqualDeadlinesPopInInsertionOrder) {
    for (uintptr_t id = 0; id < 1000; id++)
        insert(id % 2 == 0 ? 500 : 100, id);
    for (uintptr_t id = 1; id < 1000; id += 2)
        ASSERT_EQ(pop(), id);
    for (uintptr_t id = 0; id < 1000; id += 2)
        ASSERT_EQ(pop(), id);
}

TEST_F(TimerHeap, StaleTokenNeverRemovesTheEntryThatReusedItsSlot) {
    axv_timer_token_t old_token = insert(10, 1);
    ASSERT_EQ(axv_posix_timer_heap_remove(&h, old_token), AXV_OK);
    axv_timer_token_t new_token = insert(10, 2);
    // The slot was reused (low half), under a new generation (high half).
    EXPECT_EQ(static_cast<uint32_t>(new_token), static_cast<uint32_t>(old_token));
    EXPECT_NE(new_token, old_token);
    EXPECT_EQ(axv_posix_timer_heap_remove(&h, old_token), AXV_ENOENT);
    EXPECT_EQ(h.heap_len, 1u);
    // Nor does a token from the future, or one naming a slot never used.
    EXPECT_EQ(axv_posix_timer_heap_remove(&h, new_token + (UINT64_C(1) << 32)), AXV_ENOENT);
    EXPECT_EQ(axv_posix_timer_heap_remove(&h, new_token + 1), AXV_ENOENT);
    EXPECT_EQ(axv_posix_timer_heap_remove(&h, new_token), AXV_OK);
}

TEST_F(TimerHeap, PoppedTimerCannotBeRemoved) {
    axv_timer_token_t token = insert(1, 1);
    EXPECT_EQ(pop(), 1u);
    EXPECT_EQ(axv_posix_timer_heap_remove(&h, token), AXV_ENOENT);
    // Its entry was freed at once: the next timer reuses it, under a new token.
    axv_timer_token_t next = insert(2, 2);
    EXPECT_EQ(static_cast<uint32_t>(next), static_cast<uint32_t>(token));
    EXPECT_NE(next, token);
    EXPECT_EQ(h.slab_len, 1u);
}

// An entry whose generation is exhausted is retired, not wrapped to a generation an old
// token could carry.
TEST_F(TimerHeap, ExhaustedGenerationRetiresTheEntry) {
    axv_timer_token_t first = insert(1, 1);
    ASSERT_EQ(axv_posix_timer_heap_remove(&h, first), AXV_OK);
    uint32_t slot = static_cast<uint32_t>(first);
    h.slab[slot].generation = UINT32_MAX; // as if reused 2^32 - 2 times
    axv_timer_token_t last = insert(1, 2);
    EXPECT_EQ(static_cast<uint32_t>(last), slot);
    EXPECT_EQ(last >> 32, UINT32_MAX);
    EXPECT_EQ(pop(), 2u);
    axv_timer_token_t next = insert(1, 3);
    EXPECT_NE(static_cast<uint32_t>(next), slot);
    EXPECT_EQ(axv_posix_timer_heap_remove(&h, last), AXV_ENOENT);
    EXPECT_EQ(broken(h), "");
}

TEST(TimerHeapLimit, FullQueueIsEnomemAndUnchanged) {
    axv_posix_timer_heap h;
    axv_posix_timer_heap_init(&h, 20); // two growth steps: 16, then 20
    std::vector<axv_timer_token_t> tokens(20);
    for (uintptr_t i = 0; i < 20; i++)
        ASSERT_EQ(axv_posix_timer_heap_insert(&h, 100 - i, noop, id_arg(i), &tokens[i]), AXV_OK);
    axv_timer_token_t token = 0;
    EXPECT_EQ(axv_posix_timer_heap_insert(&h, 0, noop, id_arg(99), &token), AXV_ENOMEM);
    EXPECT_EQ(token, 0u);
    EXPECT_EQ(h.heap_len, 20u);
    EXPECT_EQ(broken(h), "");
    axv_nanos_t first = 0;
    ASSERT_TRUE(axv_posix_timer_heap_peek(&h, &first));
    EXPECT_EQ(first, 81u);
    ASSERT_EQ(axv_posix_timer_heap_remove(&h, tokens[5]), AXV_OK);
    EXPECT_EQ(axv_posix_timer_heap_insert(&h, 0, noop, id_arg(99), &token), AXV_OK);
    axv_posix_timer_heap_fini(&h);
}

TEST_F(TimerHeap, ClearCountsPendingAndStalesTheirTokens) {
    std::vector<axv_timer_token_t> tokens;
    for (uintptr_t i = 0; i < 37; i++)
        tokens.push_back(insert(i * 3 % 11, i));
    ASSERT_EQ(axv_posix_timer_heap_remove(&h, tokens[0]), AXV_OK);
    EXPECT_EQ(axv_posix_timer_heap_clear(&h), 36u);
    EXPECT_EQ(broken(h), "");
    axv_nanos_t d;
    EXPECT_FALSE(axv_posix_timer_heap_peek(&h, &d));
    for (axv_timer_token_t token : tokens)
        EXPECT_EQ(axv_posix_timer_heap_remove(&h, token), AXV_ENOENT);
    // Freed entries are reused under new tokens.
    axv_timer_token_t again = insert(5, 100);
    EXPECT_LT(static_cast<uint32_t>(again), 37u);
    for (axv_timer_token_t token : tokens)
        EXPECT_NE(token, again);
}

} // namespace
