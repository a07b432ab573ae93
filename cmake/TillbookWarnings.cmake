# Warnings for our own targets (not for system headers). -Werror when TILLBOOK_WERROR is on (CI).
function(tillbook_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wsign-conversion -Wnon-virtual-dtor -Wold-style-cast)
  if(TILLBOOK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
