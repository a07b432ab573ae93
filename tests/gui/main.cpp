#define DOCTEST_CONFIG_IMPLEMENT
#include <dlfcn.h>

#include "test_main.hpp"

namespace {

// Mesa's software OpenGL keeps a few small allocations for the life of the process and unloads
// its driver when the window closes; pinned here, its frames keep their library's name for
// LeakSanitizer, which the suppressions below match. Our own code is checked as everywhere else.
void PinOpenGlDriver() {
    for (const char* library :
         {"libGLX_mesa.so.0", "libglapi.so.0", "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so"})
        dlopen(library, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
}

}  // namespace

// The leaks LeakSanitizer is to ignore, by library (read by the sanitizer runtime when present).
extern "C" const char* __lsan_default_suppressions() {
    return "leak:swrast_dri.so\nleak:libGLX_mesa.so\nleak:libglapi.so\nleak:libLLVM\n"
           "leak:libX11.so\nleak:libfontconfig.so\n";
}

int main(int argc, char** argv) {
    PinOpenGlDriver();
    return tillbook::testing::RunTests(argc, argv);
}
