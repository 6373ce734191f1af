// The checkpoint engine's value types as the changes widgets use them (ChangeSet, FileChange,
// hunks and lines), plus the one helper the widgets share: a file's path as a person reads it.
#pragma once

#include "checkpoint/CheckpointTypes.h"
