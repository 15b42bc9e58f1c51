"""An example module for the platform: the dominant colours of an image. It has no ``platform_hooks``: the platform
serves it without any (``app.hooks``)."""
