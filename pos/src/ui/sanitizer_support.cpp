#include "ui/sanitizer_support.hpp"

#if defined(__SANITIZE_ADDRESS__)
#include <dlfcn.h>

// The leaks LeakSanitizer is to ignore, by library only: Mesa, LLVM (its JIT), X11 and
// fontconfig. Our own code is leak-checked as everywhere else. Read by the sanitizer runtime.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:swrast_dri.so\nleak:libGLX_mesa.so\nleak:libglapi.so\nleak:libLLVM\n"
           "leak:libX11.so\nleak:libfontconfig.so\n";
}
#endif

namespace tillbook::pos::ui {

void PinOpenGlDriverUnderSanitizer() {
#if defined(__SANITIZE_ADDRESS__)
    const char* const libraries[] = {"libGLX_mesa.so.0", "libglapi.so.0",
                                     "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so"};
    for (const char* library : libraries)
        dlopen(library, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
#endif
}

}  // namespace tillbook::pos::ui
