// How many threads this process has (Linux: the entries of /proc/self/task), for the
// tests that check a platform leaves no thread behind; 0 when it cannot be read.
#ifndef AXV_TEST_SUPPORT_THREADS_H
#define AXV_TEST_SUPPORT_THREADS_H

#include <dirent.h>

#include <cstddef>

namespace axv_test {

inline size_t thread_count() {
    size_t n = 0;
    DIR *dir = opendir("/proc/self/task");
    if (dir == nullptr)
        return 0;
    while (dirent *entry = readdir(dir))
        n += entry->d_name[0] != '.';
    closedir(dir);
    return n;
}

} // namespace axv_test

#endif // AXV_TEST_SUPPORT_THREADS_H
