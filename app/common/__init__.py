"""What every HTTP service of the platform shares (runtime, file service): the docs page and bearer scheme, the
static files, the build version. Its own home so that no service imports another for them."""
