package mapfile

import "syscall"

const mapPopulate = syscall.MAP_POPULATE
