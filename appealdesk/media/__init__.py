"""Pictures and documents as files: what they are, their EXIF data, decoding and encoding."""
