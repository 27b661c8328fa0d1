for k in 10 20 100 200; do for pa in "0.5 0.1" "0.3 0.05" "0.7 0.1" "0.2 0.15"; do
 set -- $pa
 java -cp "$CP" Oracle unadjusted $k $1 $2
 java -cp "$CP" Oracle adjusted $k $1 $2
done; done
# k = 1000: the adjusted runs take 3.5 to 19 minutes each on a shared 2-core machine (-Xmx6g; up to 3.3 GB resident)
for pa in "0.5 0.1" "0.3 0.05" "0.7 0.1" "0.2 0.15"; do set -- $pa
 java -Xss64m -cp "$CP" Oracle unadjusted 1000 $1 $2
 timeout 100m nice -n 10 java -Xss64m -Xmx6g -cp "$CP" Oracle adjusted 1000 $1 $2
done
