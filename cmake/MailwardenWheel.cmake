# The Python wheel (scikit-build-core sets SKBUILD and installs the Python
# component): the library alone, inside the package, where the binding looks
# first. A wheel cannot hold symlinks, so the one file is named by the soname.
set_target_properties(mailwarden PROPERTIES VERSION "${MW_SOVERSION}")
install(TARGETS mailwarden LIBRARY DESTINATION mailwarden NAMELINK_SKIP COMPONENT Python)
