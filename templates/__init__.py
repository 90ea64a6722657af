"""Jinja templates of soapsmith, shipped inside the wheel as `generator.templates`."""
