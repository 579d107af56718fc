module soma.local/images-build

go 1.24.0
