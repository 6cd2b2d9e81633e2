#include "support/alloc_counter.h"

#include <cstdlib>
#include <new>

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define HEADROOM_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define HEADROOM_TSAN 1
#endif

namespace {
thread_local bool counting = false;
thread_local size_t allocations = 0;
}

#if HEADROOM_TSAN
// ThreadSanitizer's runtime defines operator new and delete itself (statically linked, they
// cannot be replaced): count through its malloc hook instead, which sees every allocation,
// new and malloc alike.
#include <sanitizer/allocator_interface.h>
namespace {
void countHook(const volatile void*, size_t) {
    if (counting) ++allocations;
}
void freeHook(const volatile void*) {}
[[maybe_unused]] const int installed = __sanitizer_install_malloc_and_free_hooks(countHook, freeHook);
} // namespace
#else
namespace {

void* allocate(std::size_t size) {
    if (counting) ++allocations;
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void* allocateAligned(std::size_t size, std::align_val_t align) {
    if (counting) ++allocations;
    const std::size_t a = static_cast<std::size_t>(align);
    if (void* p = std::aligned_alloc(a, (size + a - 1) / a * a)) return p;
    throw std::bad_alloc();
}
} // namespace

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, std::align_val_t a) { return allocateAligned(size, a); }
void* operator new[](std::size_t size, std::align_val_t a) { return allocateAligned(size, a); }
// The nothrow forms too: otherwise they come from the runtime (counted by no one) and are
// then freed here, which AddressSanitizer reports as alloc-dealloc-mismatch.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    try { return allocate(size); } catch (...) { return nullptr; }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
    try { return allocate(size); } catch (...) { return nullptr; }
}
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
    try { return allocateAligned(size, a); } catch (...) { return nullptr; }
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
    try { return allocateAligned(size, a); } catch (...) { return nullptr; }
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
#endif

namespace hr::test {
AllocationScope::AllocationScope() {
    allocations = 0;
    counting = true;
}
AllocationScope::~AllocationScope() { counting = false; }
size_t AllocationScope::count() const { return allocations; }
} // namespace hr::test
