// The checkpoint engine's logging category, studio.checkpoint (phases and their times at debug
// level: QT_LOGGING_RULES="studio.checkpoint.debug=true").
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCheckpoint)
