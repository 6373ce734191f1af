# One interface target that carries the house compile definitions and warnings (STYLE.md).
add_library(studio_options INTERFACE)
target_compile_definitions(studio_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_USE_QSTRINGBUILDER
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_BEFORE=0x060000
    STUDIO_VERSION="${PROJECT_VERSION}")
target_compile_options(studio_options INTERFACE -Wall -Wextra -Wpedantic)
if(STUDIO_WERROR)
    target_compile_options(studio_options INTERFACE -Werror)
endif()
if(STUDIO_SANITIZE)
    target_compile_options(studio_options INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(studio_options INTERFACE -fsanitize=address,undefined)
endif()
